using System.ComponentModel;
using System.Diagnostics;
using Firmware.HostTools;

namespace Firmware.Image.Build.Qemu;

/// <summary>
/// One run of QEMU on an image: a private copy of the UEFI variable store, the disk as
/// <see cref="QemuDisk"/> says (the image itself, a copy removed at the end, or a copy kept at a path
/// and booted again by the next run), QEMU attached to this process's standard input and output so
/// its serial console is the terminal, and the temporary copies removed when QEMU ends.
/// </summary>
public static class QemuSession
{
    /// <summary>Boots <paramref name="image"/> and waits for QEMU to end; with <paramref name="brokerPort"/>, the guest
    /// reaches the host's 127.0.0.1:PORT as <see cref="QemuCommandLine.BrokerGuestAddress"/> and nothing else.</summary>
    /// <returns>QEMU's exit status.</returns>
    /// <exception cref="HostToolMissingException">QEMU, or with a broker forward its relay, is not installed.</exception>
    public static async Task<int> RunAsync(QemuMachine machine, UefiFirmware firmware, string image, QemuDisk disk, int? brokerPort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(firmware);
        ArgumentNullException.ThrowIfNull(disk);
        if (!File.Exists(image))
        {
            throw new FileNotFoundException($"{image}: no such image", image);
        }

        if (brokerPort is not null)
        {
            // QEMU starts the relay only when the guest connects, and would report a missing one to nobody.
            await HostToolRunner.RunCheckedAsync(new HostToolCommand(QemuCommandLine.BrokerRelay, ["-V"]), cancellationToken);
        }

        var work = Directory.CreateTempSubdirectory("fwtool-qemu-").FullName;
        try
        {
            var vars = Path.Combine(work, "vars.fd");
            File.Copy(firmware.VarsTemplate, vars);
            var booted = disk.Prepare(image, work);
            var start = new ProcessStartInfo(machine.Program.Program) { UseShellExecute = false };
            foreach (var argument in QemuCommandLine.Create(machine, firmware, vars, booted, brokerPort))
            {
                start.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new Win32Exception($"{machine.Program.Program} did not start");
            }
            catch (Win32Exception e)
            {
                throw new HostToolMissingException(machine.Program, e);
            }

            using (process)
            {
                try
                {
                    await process.WaitForExitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                    throw;
                }

                return process.ExitCode;
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
