using System.Diagnostics;
using Firmware.Device.Updates;

namespace Firmware.Agent.Commands;

/// <summary>
/// The reboot of a local command: with <c>--reboot</c> it runs <c>reboot</c>; without, it only
/// records the request, and the command tells the operator to reboot.
/// </summary>
internal sealed class AgentReboot(bool reboot) : IReboot
{
    public bool Requested { get; private set; }

    public async Task RequestRebootAsync(CancellationToken cancellationToken)
    {
        Requested = true;
        if (!reboot)
        {
            return;
        }

        using var process = Process.Start(new ProcessStartInfo("reboot") { UseShellExecute = false })
                            ?? throw new IOException("cannot run reboot");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new IOException($"reboot exited with {process.ExitCode}");
        }
    }
}
