using Firmware.Kernel.Sources;

namespace Firmware.Kernel.Tests.Support;

/// <summary>Debian's amd64 kernel package, unpacked once into the cache (keyed by the .deb's name), and busybox-static.</summary>
public sealed class KernelFixture
{
    private readonly Lazy<KernelTree> tree;
    private readonly Lazy<byte[]> busybox;

    public KernelFixture()
    {
        tree = new Lazy<KernelTree>(() => Unpack(DebCache.Fetch(DebCache.KernelPackageName("amd64"))));
        busybox = new Lazy<byte[]>(() =>
        {
            var deb = DebCache.Fetch("busybox-static");
            using var stream = File.OpenRead(deb);
            return Firmware.Kernel.Initramfs.BusyboxPackage.ReadBinary(stream, Path.GetFileName(deb));
        });
    }

    public KernelTree Tree => tree.Value;

    public byte[] Busybox => busybox.Value;

    public static string DebPath => DebCache.Fetch(DebCache.KernelPackageName("amd64"));

    private static KernelTree Unpack(string deb)
    {
        var destination = Path.Combine(DebCache.Directory, "kernels", Path.GetFileNameWithoutExtension(deb));
        var marker = Path.Combine(destination, ".version");
        if (File.Exists(marker))
        {
            var version = File.ReadAllText(marker);
            return new KernelTree(destination, version, Path.Combine(destination, "boot", "vmlinuz-" + version));
        }

        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        using var stream = File.OpenRead(deb);
        var tree = DebianKernelPackage.Extract(stream, Path.GetFileName(deb), destination);
        File.WriteAllText(marker, tree.Version);
        return tree;
    }
}

[CollectionDefinition(Name)]
public sealed class KernelGroup : ICollectionFixture<KernelFixture>
{
    public const string Name = "Debian kernel";
}
