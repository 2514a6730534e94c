using System.Collections.Concurrent;
using Firmware.Kernel.Sources;

namespace Firmware.Kernel.Tests.Support;

/// <summary>
/// Debian's kernel package per architecture, unpacked once into the cache (keyed by the .deb's
/// name), and the matching busybox-static.
/// </summary>
public sealed class KernelFixture
{
    private readonly ConcurrentDictionary<string, Lazy<KernelTree>> trees = new();
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> busyboxes = new();

    /// <summary>The amd64 kernel.</summary>
    public KernelTree Tree => TreeFor("amd64");

    /// <summary>The amd64 busybox.</summary>
    public byte[] Busybox => BusyboxFor("amd64");

    public static string DebPath => DebCache.Fetch(DebCache.KernelPackageName("amd64") + ":amd64");

    public KernelTree TreeFor(string arch) =>
        trees.GetOrAdd(arch, a => new Lazy<KernelTree>(() => Unpack(DebCache.Fetch(DebCache.KernelPackageName(a) + ":" + a)))).Value;

    public byte[] BusyboxFor(string arch) =>
        busyboxes.GetOrAdd(arch, a => new Lazy<byte[]>(() =>
        {
            var deb = DebCache.Fetch("busybox-static:" + a);
            using var stream = File.OpenRead(deb);
            return Firmware.Kernel.Initramfs.BusyboxPackage.ReadBinary(stream, Path.GetFileName(deb));
        })).Value;

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
