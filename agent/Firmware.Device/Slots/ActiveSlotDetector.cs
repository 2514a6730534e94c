using Firmware.Device.Boot;

namespace Firmware.Device.Slots;

/// <summary>
/// Works out the booted (active) slot from three independent sources and refuses when they
/// disagree: the kernel command line (<c>fw.slot=A</c>, or <c>root=</c> as PARTUUID, PARTLABEL or a
/// device path matched against the configured slot devices), the bootloader's record of the slot
/// it chose (<see cref="IBootedSlotRecord"/>), and the mount table (which device is mounted at /,
/// through its major:minor in sysfs, so /dev/root and device-mapper layers resolve, and a file slot
/// mounted through a loop device matches by its backing file). A source that
/// says nothing is listed but not counted; one that names neither slot is a refusal, as is no
/// source naming a slot at all.
/// </summary>
public sealed class ActiveSlotDetector
{
    private readonly SlotLayout _layout;
    private readonly IBootedSlotRecord? _bootRecord;
    private readonly string _bootRecordName;
    private readonly SystemRoots _roots;
    private readonly BlockDeviceNames _names;

    /// <summary>Creates the detector.</summary>
    /// <param name="layout">The configured slot devices.</param>
    /// <param name="bootRecord">The boot backend's record of its choice, or null when the backend keeps none.</param>
    /// <param name="roots">Where procfs, sysfs and /dev are.</param>
    public ActiveSlotDetector(SlotLayout layout, IBootedSlotRecord? bootRecord, SystemRoots roots)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(roots);
        _layout = layout;
        _bootRecord = bootRecord;
        _bootRecordName = bootRecord is IBootControl control ? control.Name : "bootloader";
        _roots = roots;
        _names = new BlockDeviceNames(roots);
    }

    /// <summary>Gathers the evidence and returns the active slot.</summary>
    /// <exception cref="SlotDetectionException">The sources disagree, one names neither slot, or none names a slot.</exception>
    /// <exception cref="BootControlException">The boot environment cannot be read.</exception>
    public ActiveSlot Detect()
    {
        var evidence = new List<SlotEvidence>();
        evidence.AddRange(FromCommandLine());
        if (_bootRecord is not null)
        {
            var chosen = _bootRecord.ReadBootedSlot();
            evidence.Add(new SlotEvidence($"boot environment ({_bootRecordName})", $"it chose {chosen.Letter()}", chosen));
        }

        evidence.Add(FromMounts());
        if (evidence.Any(e => e.Foreign))
        {
            throw new SlotDetectionException("a source names neither slot", evidence);
        }

        var slots = evidence.Where(e => e.Slot is not null).Select(e => e.Slot!.Value).Distinct().ToList();
        return slots.Count switch
        {
            0 => throw new SlotDetectionException("no source names a slot", evidence),
            1 => new ActiveSlot(slots[0], _layout, evidence, _roots),
            _ => throw new SlotDetectionException("the sources disagree", evidence),
        };
    }

    private IEnumerable<SlotEvidence> FromCommandLine()
    {
        var path = Path.Combine(_roots.Proc, "cmdline");
        var commandLine = File.Exists(path) ? File.ReadAllText(path) : "";
        if (KernelCommandLine.Value(commandLine, "fw.slot") is { } named)
        {
            yield return SlotNames.TryParse(named, out var slot)
                ? new SlotEvidence("kernel command line", $"fw.slot={named}", slot)
                : new SlotEvidence("kernel command line", $"fw.slot={named}", null, Foreign: true);
        }

        if (KernelCommandLine.Value(commandLine, "root") is { } root)
        {
            yield return FromRoot(root);
        }
    }

    private SlotEvidence FromRoot(string root)
    {
        const string Source = "kernel command line";
        var said = $"root={root}";
        SlotName? match = null;
        if (root.StartsWith("PARTLABEL=", StringComparison.Ordinal))
        {
            var label = root["PARTLABEL=".Length..];
            match = Match(device => device.Path == $"/dev/disk/by-partlabel/{label}" || _names.PartitionLabel(_names.KernelName(device.Path)) == label);
        }
        else if (root.StartsWith("PARTUUID=", StringComparison.Ordinal) || root.StartsWith("/dev/", StringComparison.Ordinal))
        {
            var device = root.StartsWith('/') ? root : $"/dev/disk/by-partuuid/{root["PARTUUID=".Length..].ToLowerInvariant()}";
            if (!File.Exists(_roots.MapDevice(device)))
            {
                // sysfs does not show partition UUIDs; without udev's link (a minimal system) the
                // kernel's own resolution cannot be repeated, and the other sources decide.
                return new SlotEvidence(Source, $"{said}, and {device} does not exist", null);
            }

            var name = _names.KernelName(device);
            match = Match(device => _names.KernelName(device.Path) == name);
        }
        else
        {
            return new SlotEvidence(Source, said, null); // a form we do not resolve (major:minor, UUID=): no opinion
        }

        return match is { } slotName ? new SlotEvidence(Source, said, slotName) : new SlotEvidence(Source, said, null, Foreign: true);
    }

    private SlotEvidence FromMounts()
    {
        const string Source = "mounts";
        var table = Path.Combine(_roots.Proc, _roots.MountTable);
        // mountinfo (proc(5)): ID PARENT MAJOR:MINOR ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER-OPTIONS.
        // The last mount at / is the one in effect.
        var root = (File.Exists(table) ? File.ReadLines(table) : []).Select(l => l.Split(' ')).LastOrDefault(f => f.Length > 4 && f[4] == "/");
        if (root is null)
        {
            return new SlotEvidence(Source, $"nothing mounted at / in {table}", null);
        }

        var separator = Array.IndexOf(root, "-");
        var what = separator > 0 && separator + 2 < root.Length ? $"{root[separator + 1]} {root[separator + 2]}" : "?";
        if (root[2].StartsWith("0:", StringComparison.Ordinal))
        {
            return new SlotEvidence(Source, $"/ is {what} ({root[2]}), not a block device", null);
        }

        var name = _names.ByNumber(root[2]);
        var said = $"/ is {what} on {root[2]} ({name ?? "unknown device"})";
        var match = name is null ? null : Match(device => _names.KernelName(device.Path) == name || _names.BackingFile(name) == Path.GetFullPath(device.Path));
        return match is { } slotName ? new SlotEvidence(Source, said, slotName) : new SlotEvidence(Source, said, null, Foreign: true);
    }

    /// <summary>The slot whose configured device satisfies <paramref name="test"/>.</summary>
    private SlotName? Match(Func<SlotDevice, bool> test) => test(_layout.A) ? SlotName.A : test(_layout.B) ? SlotName.B : null;
}
