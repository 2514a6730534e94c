using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Firmware.Device.IO;
using Firmware.Device.Slots;

namespace Firmware.Device.Boot.Tryboot;

/// <summary>
/// Boot control for the Raspberry Pi firmware's tryboot: <c>[all] boot_partition</c> in
/// autoboot.txt is the primary slot, <c>[tryboot] boot_partition</c> the trial slot, and the
/// firmware boots the trial partition only on the one restart that carries the tryboot flag
/// (<c>reboot '0 tryboot'</c>, sent through <see cref="IReboot"/> by <see cref="RebootIntoTrial"/>).
/// The flag does not survive that boot, so any later restart (a watchdog, a crash, a power cut)
/// boots the primary partition: the firmware falls back by itself.
/// </summary>
/// <remarks>
/// Tries are inherently 1 on this backend: the firmware keeps no counter, so
/// <see cref="ArmTrial"/> arms exactly one trial boot whatever count it is given, which keeps the
/// contract ("at most N"). During the trial boot the firmware reports it in
/// <c>/proc/device-tree/chosen/bootloader/tryboot</c> (a big-endian cell, 1 in a trial boot), and
/// <see cref="Read"/> then shows the try as used (0 left). After a fallback nothing records that
/// the try was used; the update engine's checkpoint knows it rebooted into the trial.
/// autoboot.txt is replaced atomically (temporary file, fsync, rename, fsync of the directory): on
/// the FAT boot partition a reader then finds the old file or the new one.
/// </remarks>
public sealed class TrybootBootControl : IBootControl, IBootedSlotRecord, ITrialReboot
{
    /// <summary>The name the backend is registered under.</summary>
    public const string BackendName = "tryboot";

    private const string All = "all";
    private const string TrybootSection = "tryboot";
    private const string BootPartition = "boot_partition";
    private readonly TrybootSettings _settings;
    private readonly IReboot _reboot;

    /// <summary>Creates the backend.</summary>
    public TrybootBootControl(TrybootSettings settings, IReboot reboot)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reboot);
        ArgumentException.ThrowIfNullOrEmpty(settings.AutobootFile, nameof(settings));
        if (settings.PartitionA == settings.PartitionB || settings.PartitionA is < 1 or > 63 || settings.PartitionB is < 1 or > 63)
        {
            throw new ArgumentException($"slot partitions must be two different numbers from 1 to 63, not {settings.PartitionA} and {settings.PartitionB}", nameof(settings));
        }

        _settings = settings;
        _reboot = reboot;
    }

    /// <inheritdoc/>
    public string Name => BackendName;

    /// <summary>True when the running boot is a tryboot boot, as the firmware reports in the device tree.</summary>
    public bool InTrialBoot
    {
        get
        {
            var path = Path.Combine(_settings.DeviceTreeRoot, "chosen", "bootloader", "tryboot");
            if (!File.Exists(path))
            {
                return false; // firmware without the property never boots a trial
            }

            var cell = File.ReadAllBytes(path);
            return cell.Length == 4
                ? BinaryPrimitives.ReadUInt32BigEndian(cell) == 1
                : throw new BootControlException($"{path}: expected one 4-byte cell, found {cell.Length} bytes");
        }
    }

    /// <inheritdoc/>
    public BootState Read() => Decode(Load());

    /// <inheritdoc/>
    public SlotName ReadBootedSlot()
    {
        var file = Load();
        var section = InTrialBoot ? TrybootSection : All;
        return Slot(file, section) ?? throw new BootControlException($"{_settings.AutobootFile}: [{section}] has no boot_partition");
    }

    /// <inheritdoc/>
    /// <remarks>Arms exactly one try: see the class remarks.</remarks>
    public void ArmTrial(SlotName slot, int tries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tries, 1);
        Update(file =>
        {
            file.Set(All, "tryboot_a_b", "1");
            file.Set(TrybootSection, BootPartition, Partition(slot));
        });
    }

    /// <inheritdoc/>
    public void Commit(SlotName slot) => Update(file =>
    {
        file.Set(All, BootPartition, Partition(slot));
        file.Set(TrybootSection, BootPartition, Partition(slot));
    });

    /// <inheritdoc/>
    /// <remarks>The [tryboot] section then names the primary partition, so even a stray tryboot restart boots it.</remarks>
    public void Rollback() => Update(file =>
    {
        var primary = Slot(file, All) ?? throw new BootControlException($"{_settings.AutobootFile}: [all] has no boot_partition");
        file.Set(TrybootSection, BootPartition, Partition(primary));
    });

    /// <inheritdoc/>
    public void RebootIntoTrial()
    {
        if (Read().Trial is null)
        {
            throw new BootControlException($"{_settings.AutobootFile}: no trial is armed; a tryboot restart would boot the primary slot");
        }

        _reboot.Restart("0 tryboot");
    }

    /// <summary>The state autoboot.txt and the device tree describe; throws when [all] names no slot.</summary>
    private BootState Decode(AutobootFile file)
    {
        var primary = Slot(file, All) ?? throw new BootControlException($"{_settings.AutobootFile}: [all] has no boot_partition");
        var trial = Slot(file, TrybootSection);
        return trial is { } armed && armed != primary
            ? new BootState(primary, armed, InTrialBoot ? 0 : 1)
            : new BootState(primary, null, 0);
    }

    private void Update(Action<AutobootFile> change)
    {
        var before = Load();
        _ = Decode(before); // refuse to build on a file that does not say what is booted now
        var text = before.ToString();
        change(before);
        var after = before.ToString();
        if (after == text)
        {
            return;
        }

        try
        {
            DurableFile.Replace(_settings.AutobootFile, Encoding.ASCII.GetBytes(after));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BootControlException($"{_settings.AutobootFile}: cannot replace autoboot.txt: {e.Message}", e);
        }
    }

    private AutobootFile Load()
    {
        try
        {
            return AutobootFile.Parse(File.ReadAllText(_settings.AutobootFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BootControlException($"{_settings.AutobootFile}: cannot read autoboot.txt: {e.Message}", e);
        }
    }

    private SlotName? Slot(AutobootFile file, string section)
    {
        var value = file.Get(section, BootPartition);
        if (value is null)
        {
            return null;
        }

        var number = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        return number == _settings.PartitionA ? SlotName.A
            : number == _settings.PartitionB ? SlotName.B
            : throw new BootControlException($"{_settings.AutobootFile}: [{section}] boot_partition={value} is neither slot A's partition ({_settings.PartitionA}) nor slot B's ({_settings.PartitionB})");
    }

    private string Partition(SlotName slot) =>
        (slot == SlotName.A ? _settings.PartitionA : _settings.PartitionB).ToString(CultureInfo.InvariantCulture);
}
