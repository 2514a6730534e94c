using System.Security.Cryptography;
using Firmware.Boards;
using Firmware.Boot;
using Firmware.Flash.Bmap;
using Firmware.HostTools;
using Firmware.Image.Build.Data;
using Firmware.Image.Build.Esp;
using Firmware.Image.Build.Grub;
using Firmware.Image.Build.Tryboot;
using Firmware.Rootfs.Squashfs;

namespace Firmware.Image.Build;

/// <summary>
/// Executes an <see cref="ImageBuildPlan"/>: builds each slot's root with its kernel and initramfs,
/// the ESP (GRUB EFI, grub.cfg, ab.cfg, the environment selecting slot A; or, on a tryboot board,
/// autoboot.txt and the Raspberry Pi firmware, with each slot's FAT boot partition), the data file system,
/// assembles the GPT disk, writes its bmap and the bundle. Everything is written in a staging
/// directory beside the output directory and renamed into place at the end (the same file system,
/// so each rename is atomic), so a failure leaves no output.
/// </summary>
public sealed class ImageBuilder
{
    /// <summary>The payload name of the root in the bundle, as the agent installs it.</summary>
    public const string RootPayload = "rootfs";

    /// <summary>GRUB reads the kernel out of the squashfs: GRUB 2.06's squash4 decodes gzip, xz and lzo, not zstd.</summary>
    public const string RootCompression = "xz";

    private static readonly byte[] SquashfsMagic = "hsqs"u8.ToArray();
    private readonly IBundleAuthor _bundles;

    /// <summary>Writes bundles with <paramref name="bundles"/>.</summary>
    public ImageBuilder(IBundleAuthor bundles)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        _bundles = bundles;
    }

    /// <summary>Builds <paramref name="plan"/> into <paramref name="outputDirectory"/>.</summary>
    /// <exception cref="ImageBuildException">A root does not fit its slot, or a host tool failed or is missing.</exception>
    public async Task<ImageBuildResult> ExecuteAsync(ImageBuildPlan plan, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var output = Path.GetFullPath(outputDirectory.TrimEnd('/'));
        var work = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.{plan.Stem}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(work);
        try
        {
            return await BuildAsync(plan, output, work, cancellationToken);
        }
        catch (HostToolMissingException e)
        {
            throw new ImageBuildException(ImageBuildError.ToolFailed, e.Message, e);
        }
        catch (HostToolFailedException e)
        {
            throw new ImageBuildException(ImageBuildError.ToolFailed, e.Message, e);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<ImageBuildResult> BuildAsync(ImageBuildPlan plan, string output, string work, CancellationToken cancellationToken)
    {
        var partitions = new Dictionary<string, string>(StringComparer.Ordinal);
        var slotA = plan.Find(PartitionRole.RootA)!;
        var (rootA, kernelA) = await BuildRootAsync(plan, plan.RootA, slotA, Path.Combine(work, "root-a"), cancellationToken);
        partitions[slotA.Name] = rootA;
        List<(string Name, string Path)> payloads = [(RootPayload, rootA)];

        var slotB = plan.Find(PartitionRole.RootB)!;
        KernelBootStage? kernelB = null;
        if (plan.RootB is { } b)
        {
            (partitions[slotB.Name], kernelB) = await BuildRootAsync(plan, b, slotB, Path.Combine(work, "root-b"), cancellationToken);
        }
        else if (plan.Request.SlotBImage is { } slotBImage)
        {
            CheckSquashfs(slotBImage);
            CheckFits(slotB, slotBImage, slotBImage);
            partitions[slotB.Name] = slotBImage;
        }

        var esp = plan.Find(PartitionRole.Esp)!;
        if (plan.Grub is { } grub)
        {
            partitions[esp.Name] = await BuildEspAsync(plan, grub, esp, work, cancellationToken);
        }
        else
        {
            partitions[esp.Name] = Path.Combine(work, "firmware.fat");
            await TrybootPartitions.WriteFirmwareAsync(plan, partitions[esp.Name], work, cancellationToken);
            payloads.AddRange(await BuildBootPartitionsAsync(plan, kernelA, kernelB, partitions, work, cancellationToken));
        }

        if (plan.Find(PartitionRole.Data) is { } data)
        {
            var path = Path.Combine(work, "data.ext4");
            await Ext4Image.WriteAsync(path, data.Size, data.Name, plan.DataUuid, plan.Mtime, work, cancellationToken);
            partitions[data.Name] = path;
        }

        var image = Path.Combine(work, plan.ImageFile);
        await DiskAssembly.WriteAsync(image, plan.Table, partitions, cancellationToken);
        var map = BmapCreator.Create(image, cancellationToken: cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(work, plan.BmapFile), BmapFile.Write(map), cancellationToken);
        var bundleBytes = await _bundles.WriteAsync(plan.Board.Compatible, plan.Request.Version, payloads, Path.Combine(work, plan.BundleFile), cancellationToken);

        string sha256;
        await using (var stream = File.OpenRead(image))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        Directory.CreateDirectory(output);
        foreach (var file in new[] { plan.ImageFile, plan.BmapFile, plan.BundleFile })
        {
            File.Move(Path.Combine(work, file), Path.Combine(output, file), overwrite: true);
        }

        return new ImageBuildResult
        {
            Image = Path.Combine(output, plan.ImageFile),
            Bmap = Path.Combine(output, plan.BmapFile),
            Bundle = Path.Combine(output, plan.BundleFile),
            ImageSha256 = sha256,
            ImageBytes = plan.Table.DiskBytes,
            MappedBytes = map.MappedBytes,
            RootBytes = new FileInfo(rootA).Length,
            Kernel = kernelA.Result!,
            BundleBytes = bundleBytes,
        };
    }

    private static async Task<(string Squashfs, KernelBootStage Kernel)> BuildRootAsync(
        ImageBuildPlan plan, RootfsPlan root, PlannedPartition slot, string directory, CancellationToken cancellationToken)
    {
        var stage = new KernelBootStage(plan.Board, root.Spec.Kernel!, Path.GetDirectoryName(directory)!, root.SourceDateEpoch ?? 0);
        var executor = new RootfsExecutor(new SquashfsImageWriter()) { KernelStage = stage, Compression = RootCompression };
        var built = await executor.ExecuteAsync(root, directory, cancellationToken);
        CheckFits(slot, built.Squashfs, root.Spec.Source);
        return (built.Squashfs, stage);
    }

    private static void CheckFits(PlannedPartition slot, string squashfs, string source)
    {
        var size = new FileInfo(squashfs).Length;
        if (size > slot.Size)
        {
            throw new ImageBuildException(ImageBuildError.RootTooLarge,
                $"{source}: the root filesystem is {size} bytes ({size / (1 << 20)} MiB), larger than partition '{slot.Name}' of {slot.Size} bytes ({slot.Size / (1 << 20)} MiB)");
        }
    }

    private static void CheckSquashfs(string image)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(image);
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual(SquashfsMagic))
        {
            throw new ImageBuildException(ImageBuildError.InputInvalid, $"{image}: not a squashfs image (no 'hsqs' magic), so it cannot fill slot B");
        }
    }

    // Slot A's boot partition goes on the disk and in the bundle; the bundle also carries slot B's,
    // booting the same kernel with root=rootfs-b, so the agent can install the version into either slot.
    // The disk's slot B boot partition boots slot B's own root, or stays empty with it.
    private static async Task<IReadOnlyList<(string Name, string Path)>> BuildBootPartitionsAsync(ImageBuildPlan plan, KernelBootStage kernelA,
        KernelBootStage? kernelB, Dictionary<string, string> partitions, string work, CancellationToken cancellationToken)
    {
        var (bootA, bootB) = (plan.Find(PartitionRole.BootA)!, plan.Find(PartitionRole.BootB)!);
        var (a, bForBundle) = (Path.Combine(work, "boot-a.fat"), Path.Combine(work, "boot-b.bundle.fat"));
        await TrybootPartitions.WriteSlotAsync(plan, 'A', kernelA, a, work, cancellationToken);
        await TrybootPartitions.WriteSlotAsync(plan, 'B', kernelA, bForBundle, work, cancellationToken);
        partitions[bootA.Name] = a;
        if (kernelB is not null)
        {
            partitions[bootB.Name] = Path.Combine(work, "boot-b.fat");
            await TrybootPartitions.WriteSlotAsync(plan, 'B', kernelB, partitions[bootB.Name], work, cancellationToken);
        }

        return [(bootA.Name, a), (bootB.Name, bForBundle)];
    }

    private static async Task<string> BuildEspAsync(ImageBuildPlan plan, GrubTarget grub, PlannedPartition esp, string work, CancellationToken cancellationToken)
    {
        var volumeId = FatImage.VolumeId(plan.EspSerial);
        var environmentPath = ImageBuildPlanner.EspPathOf(plan.Board);
        var partitionOf = (PartitionRole role) => (plan.Find(role)!.Number, plan.Find(role)!.Name);
        var environment = new GrubEnvironmentBlock();
        environment.Set("fw_primary", "A");
        var files = new List<(string, byte[])>
        {
            (EspPaths.BootFile(grub), await GrubEfiImage.BuildAsync(grub, GrubEfiImage.EmbeddedConfig(volumeId), work, cancellationToken)),
            (EspPaths.AbScript, await File.ReadAllBytesAsync(Path.Combine(plan.Request.CommonBoardFiles, "grub", "ab.cfg"), cancellationToken)),
            (EspPaths.GrubConfig, System.Text.Encoding.UTF8.GetBytes(
                BoardGrubConfig.Create(partitionOf(PartitionRole.RootA), partitionOf(PartitionRole.RootB), environmentPath, plan.Cmdline))),
            (environmentPath, environment.ToBytes()),
        };
        var path = Path.Combine(work, "esp.fat");
        await FatImage.WriteAsync(path, esp.Size, plan.EspSerial, "ESP", files, plan.Mtime, work, cancellationToken);
        return path;
    }
}
