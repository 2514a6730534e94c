using Firmware.Device.Boot;

namespace Firmware.Agent.Commands;

/// <summary>
/// The reboot of a local command: with <c>--reboot</c> it restarts the machine (<see cref="LinuxReboot"/>);
/// without, it only records the request, and the command tells the operator to reboot.
/// </summary>
internal sealed class AgentReboot(bool reboot) : IReboot
{
    public bool Requested { get; private set; }

    public void Restart(string? argument)
    {
        Requested = true;
        if (reboot)
        {
            new LinuxReboot().Restart(argument);
        }
    }
}
