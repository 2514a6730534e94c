namespace Firmware.Device.Boot;

/// <summary>
/// A backend whose trial is armed only by the reboot itself (Raspberry Pi tryboot: the one-shot
/// flag is passed to the firmware through the restart). The update engine reboots through this
/// after <see cref="IBootControl.ArmTrial"/> when the backend implements it, and with a plain
/// restart otherwise.
/// </summary>
public interface ITrialReboot
{
    /// <summary>Restarts into the armed trial slot.</summary>
    /// <exception cref="BootControlException">No trial is armed.</exception>
    void RebootIntoTrial();
}
