using System.IO.Compression;
using Firmware.Kernel.Cpio;
using Firmware.Kernel.Modules;

namespace Firmware.Kernel.Initramfs;

/// <summary>
/// Composes the initramfs: busybox and its applet links in <c>/bin</c>, <c>/init</c>,
/// <c>/dev/console</c> (character 5:1, so the kernel opens a console before devtmpfs exists),
/// mount points, and the resolved modules under <c>/lib/modules/VERSION/</c> with
/// <c>load.list</c> giving their load order. Plan first (<see cref="Plan"/>), then write
/// (<see cref="Write"/>): a gzip-compressed newc cpio, byte-identical for identical inputs.
/// </summary>
public static class InitramfsBuilder
{
    /// <summary>The file listing module paths in load order, relative to the module directory.</summary>
    public const string LoadList = "load.list";

    private static readonly string[] MountPoints = ["dev", "newroot", "proc", "run", "sys", "tmp"];

    /// <summary>Plans the initramfs for <paramref name="tree"/>'s kernel carrying <paramref name="modules"/>.</summary>
    /// <exception cref="ArgumentException">The module plan is for another kernel version, or busybox is empty.</exception>
    public static InitramfsPlan Plan(KernelTree tree, ModuleLoadPlan modules, InitramfsOptions options)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(options);
        if (modules.Version != tree.Version)
        {
            throw new ArgumentException($"the modules were resolved for kernel {modules.Version}, not {tree.Version}", nameof(modules));
        }

        if (options.Busybox.IsEmpty)
        {
            throw new ArgumentException("busybox is empty", nameof(options));
        }

        var entries = new List<CpioEntry>
        {
            new CpioDirectory("bin"),
            new CpioFile("bin/busybox", options.Busybox, 0x1ED),
            new CpioFile("init", options.Init, 0x1ED),
            new CpioDevice("dev/console", Block: false, Major: 5, Minor: 1, Permissions: 0x180),
            new CpioDirectory("lib"),
            new CpioDirectory("lib/modules"),
        };
        entries.AddRange(InitScript.Applets.Select(applet => new CpioSymlink("bin/" + applet, "busybox")));
        entries.AddRange(MountPoints.Select(point => new CpioDirectory(point)));

        var prefix = "lib/modules/" + tree.Version;
        var directories = new SortedSet<string>(StringComparer.Ordinal) { prefix };
        foreach (var module in modules.Load)
        {
            var path = prefix + "/" + StripCompression(module.Path);
            for (var parent = Path.GetDirectoryName(path)?.Replace('\\', '/'); !string.IsNullOrEmpty(parent) && parent.Length > prefix.Length; parent = Path.GetDirectoryName(parent)?.Replace('\\', '/'))
            {
                directories.Add(parent);
            }

            entries.Add(new CpioFile(path, ModuleFile.ReadElf(Path.Combine(tree.ModulesDirectory, module.Path))));
        }

        var list = string.Concat(modules.Load.Select(m => StripCompression(m.Path) + "\n"));
        entries.Add(new CpioFile(prefix + "/" + LoadList, System.Text.Encoding.UTF8.GetBytes(list)));
        entries.AddRange(directories.Select(d => new CpioDirectory(d)));
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var items = entries.Select(e => new InitramfsItem(e.Path, Kind(e), e.Data.Length)).ToList();
        return new InitramfsPlan(tree.Version, modules, items, entries, options.Mtime);
    }

    /// <summary>Writes the planned initramfs, gzip-compressed (every kernel can unpack gzip; CONFIG_RD_GZIP).</summary>
    /// <returns>The compressed size in bytes.</returns>
    public static long Write(InitramfsPlan plan, Stream output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        // An initramfs is a few MiB: compress in memory, then hand over whole, and report its size.
        using var compressed = new MemoryStream();
        // .NET's gzip header carries no name and a zero mtime: the output depends only on the input.
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            CpioNewcWriter.Write(gzip, plan.Entries, plan.Mtime);
        }

        compressed.Position = 0;
        compressed.CopyTo(output);
        return compressed.Length;
    }

    // The initramfs carries plain ELF modules: busybox insmod need not decompress.
    private static string StripCompression(string path) =>
        path.EndsWith(".ko", StringComparison.Ordinal) ? path : path[..(path.LastIndexOf(".ko", StringComparison.Ordinal) + 3)];

    private static string Kind(CpioEntry entry) => entry switch
    {
        CpioDirectory => "directory",
        CpioSymlink => "symlink",
        CpioDevice => "device",
        CpioFile { Path: "init" } => "init",
        CpioFile { Path: "bin/busybox" } => "busybox",
        CpioFile file when file.Path.EndsWith(".ko", StringComparison.Ordinal) => "module",
        _ => "file",
    };
}
