using System.ComponentModel;
using System.Diagnostics;
using Firmware.HostTools;

namespace Firmware.Image.Build.Qemu;

/// <summary>
/// One run of QEMU on an image: a private copy of the UEFI variable store, the disk as
/// <see cref="QemuDisk"/> says (the image itself, a copy removed at the end, or a copy kept at a path
/// and booted again by the next run), QEMU attached to this process's standard input and output so
/// its serial console is the terminal, and the temporary copies removed when QEMU ends.
/// Cancelled (Ctrl-C, SIGTERM), the session presses the guest's power button through QEMU's QMP
/// socket and gives the guest <see cref="PowerDownTimeout"/> to power off before it kills QEMU;
/// cancelled again (<c>forceKill</c>) it kills at once. QEMU runs in its own session (setsid), so a
/// Ctrl-C on the terminal reaches this process only, not QEMU (which would end at once on SIGINT).
/// </summary>
public static class QemuSession
{
    /// <summary>How long a cancelled session waits for the guest to power off before it kills QEMU.</summary>
    public static TimeSpan PowerDownTimeout { get; } = TimeSpan.FromSeconds(90);

    /// <summary>Starts QEMU in a new session, without the terminal as its controlling terminal.</summary>
    public static HostTool SessionLauncher { get; } = new("setsid", "util-linux");

    private static readonly TimeSpan QmpTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Boots <paramref name="image"/> and waits for QEMU to end; with <paramref name="brokerPort"/>, the guest
    /// reaches the host's 127.0.0.1:PORT as <see cref="QemuCommandLine.BrokerGuestAddress"/> and nothing else.</summary>
    /// <returns>QEMU's exit status.</returns>
    /// <exception cref="HostToolMissingException">QEMU, setsid, or with a broker forward its relay, is not installed.</exception>
    /// <param name="machine">The machine.</param>
    /// <param name="firmware">The UEFI firmware.</param>
    /// <param name="image">The raw disk image.</param>
    /// <param name="disk">What QEMU boots: the image, or a copy of it.</param>
    /// <param name="brokerPort">The host's 127.0.0.1 port the guest's broker address forwards to; null: no network.</param>
    /// <param name="cancellationToken">Power the guest off, then kill QEMU if it has not ended within <see cref="PowerDownTimeout"/>.</param>
    /// <param name="forceKill">Cancelled after <paramref name="cancellationToken"/>: kill QEMU without waiting for the guest.</param>
    public static async Task<int> RunAsync(QemuMachine machine, UefiFirmware firmware, string image, QemuDisk disk, int? brokerPort,
        CancellationToken cancellationToken, CancellationToken forceKill = default)
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
            var qmp = Path.Combine(work, "qmp");
            var start = new ProcessStartInfo(SessionLauncher.Program) { UseShellExecute = false };
            start.ArgumentList.Add(FindOnPath(machine.Program));
            foreach (var argument in QemuCommandLine.Create(machine, firmware, vars, booted, brokerPort, qmp))
            {
                start.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new Win32Exception($"{SessionLauncher.Program} did not start");
            }
            catch (Win32Exception e)
            {
                throw new HostToolMissingException(SessionLauncher, e);
            }

            using (process)
            {
                try
                {
                    await process.WaitForExitAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (!process.HasExited)
                {
                    if (!await PowerDownAsync(process, qmp, forceKill))
                    {
                        process.Kill(entireProcessTree: true);
                        await process.WaitForExitAsync(CancellationToken.None);
                        throw;
                    }
                }

                return process.ExitCode;
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // Presses the power button and waits; true if QEMU ended by itself in time.
    private static async Task<bool> PowerDownAsync(Process process, string qmp, CancellationToken forceKill)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(forceKill);
            timeout.CancelAfter(QmpTimeout);
            await using (var monitor = await QmpClient.ConnectAsync(qmp, timeout.Token))
            {
                await monitor.ExecuteAsync("system_powerdown", timeout.Token);
            }

            await Console.Error.WriteLineAsync($"fwtool: asked the guest to power off; waiting up to {PowerDownTimeout.TotalSeconds:0} s (interrupt again to kill QEMU)");
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(forceKill);
            wait.CancelAfter(PowerDownTimeout);
            await process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync(forceKill.IsCancellationRequested
                ? "fwtool: killing QEMU"
                : "fwtool: the guest did not power off in time; killing QEMU");
            return false;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await Console.Error.WriteLineAsync($"fwtool: cannot ask the guest to power off ({e.Message}); killing QEMU");
            return false;
        }
    }

    // setsid runs QEMU by name; found here first, a missing QEMU is reported as such rather than as setsid's failure.
    private static string FindOnPath(HostTool tool)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool.Program))
            .FirstOrDefault(File.Exists);
        return found ?? throw new HostToolMissingException(tool, new FileNotFoundException($"{tool.Program}: not on PATH"));
    }
}
