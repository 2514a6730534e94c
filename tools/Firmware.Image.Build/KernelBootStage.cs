using Firmware.Boards;
using Firmware.Image.Build.Grub;
using Firmware.Image.Spec;
using Firmware.Kernel.Initramfs;
using Firmware.Kernel.Modules;
using Firmware.Kernel.Sources;
using Firmware.Rootfs.Tree;

namespace Firmware.Image.Build;

/// <summary>
/// The kernel stage of a slot: unpacks the spec's LinuxKit kernel image, resolves the modules the
/// board needs to reach its root (docs/kernel.md), builds the initramfs around the root's own static
/// busybox, and adds <c>/boot/vmlinuz</c>, <c>/boot/initramfs.img</c> and the initramfs's mount
/// points to the root, so a slot
/// carries the kernel that matches its userland and an update replaces both together.
/// </summary>
public sealed class KernelBootStage : IRootfsKernelStage
{
    private const string Busybox = "bin/busybox";

    /// <summary>The directories the initramfs mounts on in the root (docs/kernel.md, "/init, step by step"):
    /// a squashfs cannot grow them at boot, so the build adds any the images did not bring.</summary>
    public static IReadOnlyList<string> MountPoints { get; } = ["dev", "proc", "sys", "run", "tmp", "data"];
    private readonly Board _board;
    private readonly KernelSpec _kernel;
    private readonly string _work;
    private readonly long _mtime;

    /// <summary>Creates the stage for <paramref name="board"/>, unpacking into <paramref name="work"/>.</summary>
    public KernelBootStage(Board board, KernelSpec kernel, string work, long mtime)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentException.ThrowIfNullOrEmpty(work);
        (_board, _kernel, _work, _mtime) = (board, kernel, work, mtime);
    }

    /// <summary>What the stage added, once it ran.</summary>
    public KernelStageResult? Result { get; private set; }

    /// <summary>The kernel image it added, once it ran: boards whose firmware reads kernels from FAT copy it there.</summary>
    public byte[]? Kernel { get; private set; }

    /// <summary>The initramfs it added, once it ran.</summary>
    public byte[]? Initramfs { get; private set; }

    /// <inheritdoc/>
    public Task AddAsync(RootfsTree kernelImage, RootfsTree root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kernelImage);
        ArgumentNullException.ThrowIfNull(root);
        var tree = LinuxKitKernelImage.Extract(new TreeFiles(kernelImage, _kernel.Image.ToString()),
            Path.Combine(_work, "kernel-" + Guid.NewGuid().ToString("N")), _kernel.Binary, _kernel.Tar);
        var modules = ModuleResolver.Resolve(ModuleIndex.Load(tree), BoardModules.For(_board.Name));
        if (root.Find(Busybox) is not RegularFileNode busybox)
        {
            throw new ImageBuildException(ImageBuildError.BusyboxMissing,
                $"the root has no /{Busybox}; the initramfs runs the root's static busybox (an init image such as fw/init provides it)");
        }

        byte[] busyboxBytes;
        using (var stream = root.Store.OpenRead(busybox.Content))
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            busyboxBytes = copy.ToArray();
        }

        var plan = InitramfsBuilder.Plan(tree, modules, new InitramfsOptions(busyboxBytes, _mtime));
        using var initramfs = new MemoryStream();
        InitramfsBuilder.Write(plan, initramfs);
        foreach (var directory in MountPoints.Where(d => root.Find(d) is null))
        {
            root.AddDirectory(directory, RootfsTree.ImplicitDirectoryMode, 0, 0, _mtime);
        }

        var kernelBytes = File.ReadAllBytes(tree.KernelImage);
        const UnixFileMode mode = (UnixFileMode)0b110_100_100; // 0644
        root.AddFile(BoardGrubConfig.KernelPath.TrimStart('/'), kernelBytes, mode, 0, 0, _mtime);
        root.AddFile(BoardGrubConfig.InitramfsPath.TrimStart('/'), initramfs.GetBuffer().AsSpan(0, (int)initramfs.Length), mode, 0, 0, _mtime);
        Kernel = kernelBytes;
        Initramfs = initramfs.ToArray();
        Result = new KernelStageResult(tree.Version, kernelBytes.Length, initramfs.Length, modules.Load.Count);
        Directory.Delete(tree.Root, recursive: true);
        return Task.CompletedTask;
    }
}
