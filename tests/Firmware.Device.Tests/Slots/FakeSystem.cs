namespace Firmware.Device.Tests.Slots;

/// <summary>A scratch procfs, sysfs and /dev laid out as the kernel lays them out, for the detector.</summary>
internal sealed class FakeSystem
{
    private readonly ScratchDirectory _scratch;

    public FakeSystem(ScratchDirectory scratch)
    {
        _scratch = scratch;
        Roots = new SystemRoots(scratch.Of("proc"), scratch.Of("sys"), scratch.Of("dev"));
        Directory.CreateDirectory(Path.Combine(Roots.Proc, "self"));
        Directory.CreateDirectory(Path.Combine(Roots.Sys, "dev", "block"));
        Directory.CreateDirectory(Path.Combine(Roots.Dev, "disk", "by-partuuid"));
        Directory.CreateDirectory(Path.Combine(Roots.Dev, "disk", "by-partlabel"));
    }

    public SystemRoots Roots { get; }

    /// <summary>A partition: /sys/class/block/NAME (dev, uevent with PARTNAME), /sys/dev/block/MAJ:MIN, /dev/NAME and its by-partuuid link.</summary>
    public FakeSystem Partition(string name, string majorMinor, string? label = null, string? partUuid = null, params string[] slaves)
    {
        var node = Path.Combine(Roots.Sys, "class", "block", name);
        Directory.CreateDirectory(node);
        File.WriteAllText(Path.Combine(node, "dev"), majorMinor + "\n");
        File.WriteAllText(Path.Combine(node, "uevent"), $"MAJOR={majorMinor.Split(':')[0]}\nDEVNAME={name}\n" + (label is null ? "" : $"PARTNAME={label}\n"));
        if (slaves.Length > 0)
        {
            Directory.CreateDirectory(Path.Combine(node, "slaves"));
            foreach (var slave in slaves)
            {
                File.CreateSymbolicLink(Path.Combine(node, "slaves", slave), Path.Combine("..", "..", slave));
            }
        }

        File.CreateSymbolicLink(Path.Combine(Roots.Sys, "dev", "block", majorMinor), Path.Combine("..", "..", "class", "block", name));
        File.WriteAllBytes(Path.Combine(Roots.Dev, name), new byte[4096]);
        if (partUuid is not null)
        {
            File.CreateSymbolicLink(Path.Combine(Roots.Dev, "disk", "by-partuuid", partUuid), Path.Combine("..", "..", name));
        }

        if (label is not null)
        {
            File.CreateSymbolicLink(Path.Combine(Roots.Dev, "disk", "by-partlabel", label), Path.Combine("..", "..", name));
        }

        return this;
    }

    /// <summary>A loop device over <paramref name="backingFile"/>, as losetup leaves it in sysfs.</summary>
    public FakeSystem Loop(string name, string majorMinor, string backingFile)
    {
        Partition(name, majorMinor);
        Directory.CreateDirectory(Path.Combine(Roots.Sys, "class", "block", name, "loop"));
        File.WriteAllText(Path.Combine(Roots.Sys, "class", "block", name, "loop", "backing_file"), backingFile + "\n");
        return this;
    }

    public FakeSystem CommandLine(string text)
    {
        File.WriteAllText(Path.Combine(Roots.Proc, "cmdline"), text + "\n");
        return this;
    }

    /// <summary>/proc/self/mountinfo with / on <paramref name="majorMinor"/>.</summary>
    public FakeSystem RootMount(string majorMinor, string fsType = "squashfs", string source = "/dev/root")
    {
        File.WriteAllText(Path.Combine(Roots.Proc, "self", "mountinfo"),
            $"22 1 {majorMinor} / / ro,relatime shared:1 - {fsType} {source} ro\n" +
            "23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n" +
            "24 22 179:1 / /boot rw,relatime shared:2 - vfat /dev/mmcblk0p1 rw\n");
        return this;
    }

    public string Of(string name) => _scratch.Of(name);
}
