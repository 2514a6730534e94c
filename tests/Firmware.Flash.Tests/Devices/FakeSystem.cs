namespace Firmware.Flash.Tests.Devices;

/// <summary>A small fake /sys and /proc: a virtio system disk and a USB card reader, as the kernel lays them out.</summary>
internal sealed class FakeSystem : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public FakeSystem()
    {
        Disk("devices/pci0000:00/virtio1/block", "vda", "254:0", removable: false, partitions: [("vda1", "254:1")]);
        Disk("devices/pci0000:00/usb1/1-1/host6/block", "sdb", "8:16", removable: false, partitions: [("sdb1", "8:17"), ("sdb2", "8:18")]);
        Write("sys/class/block/sdb/device/vendor", "Generic ");
        Write("sys/class/block/sdb/device/model", "SD Reader");
        Mounts("1 0 254:1 / / rw,relatime - ext4 /dev/vda1 rw");
        Write("proc/swaps", "Filename Type Size Used Priority\n");
    }

    public string Sys => _dir.Of("sys");

    public string Proc => _dir.Of("proc");

    public void Mounts(params string[] lines) => Write("proc/self/mountinfo", string.Join('\n', lines) + "\n");

    public void Write(string relative, string content)
    {
        var path = _dir.Of(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private void Disk(string parent, string name, string dev, bool removable, (string Name, string Dev)[] partitions)
    {
        var node = $"sys/{parent}/{name}";
        Write($"{node}/dev", dev);
        Write($"{node}/size", "62333952");
        Write($"{node}/removable", removable ? "1" : "0");
        Write($"{node}/ro", "0");
        Directory.CreateDirectory(_dir.Of($"{node}/holders"));
        Link($"sys/class/block/{name}", node);
        Link($"sys/dev/block/{dev}", node);
        foreach (var (partition, partitionDev) in partitions)
        {
            Write($"{node}/{partition}/partition", "1");
            Write($"{node}/{partition}/dev", partitionDev);
            Write($"{node}/{partition}/size", "1048576");
            Directory.CreateDirectory(_dir.Of($"{node}/{partition}/holders"));
            Link($"sys/class/block/{partition}", $"{node}/{partition}");
            Link($"sys/dev/block/{partitionDev}", $"{node}/{partition}");
        }
    }

    private void Link(string relative, string target)
    {
        var path = _dir.Of(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Directory.CreateSymbolicLink(path, _dir.Of(target));
    }

    public void Dispose() => _dir.Dispose();
}
