using Firmware.Device.Slots;

namespace Firmware.Device.Boot;

/// <summary>
/// One bootloader's A/B state, with the same meaning for every backend (GRUB environment block,
/// U-Boot environment, Raspberry Pi tryboot, the simulated bootloader).
/// </summary>
/// <remarks>
/// The contract every implementation keeps, and that the contract tests check:
/// <list type="bullet">
/// <item><see cref="ArmTrial"/> makes the bootloader boot the slot at most <c>tries</c> times. The
/// bootloader counts the tries down itself and, when they are used up, boots the primary slot again
/// with no help from userspace. The primary slot does not change.</item>
/// <item><see cref="Commit"/> makes the booted trial slot primary and disarms the trial.</item>
/// <item><see cref="Rollback"/> disarms the trial; the primary slot stays as it was.</item>
/// <item>Each call is one atomic, durable update of the bootloader's state (written and synced
/// before it returns), and calling it again with the same arguments changes nothing, so a crash
/// between a call and the next checkpoint is harmless.</item>
/// </list>
/// A backend whose state cannot be read or written throws <see cref="BootControlException"/>.
/// </remarks>
public interface IBootControl
{
    /// <summary>The backend's registered name ("grub", "uboot", "tryboot", "simulated").</summary>
    string Name { get; }

    /// <summary>Reads the bootloader's current state.</summary>
    BootState Read();

    /// <summary>Arms a trial boot of <paramref name="slot"/> for at most <paramref name="tries"/> boots.</summary>
    void ArmTrial(SlotName slot, int tries);

    /// <summary>Makes <paramref name="slot"/> the primary slot and disarms any trial.</summary>
    void Commit(SlotName slot);

    /// <summary>Disarms any trial so that the primary slot boots next.</summary>
    void Rollback();
}
