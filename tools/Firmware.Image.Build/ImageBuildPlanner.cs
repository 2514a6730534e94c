using System.Security.Cryptography;
using System.Text;
using Firmware.Boards;
using Firmware.Disk.Gpt;
using Firmware.Image.Build.Esp;
using Firmware.Image.Build.Grub;
using Firmware.Image.Build.Tryboot;
using Firmware.Image.Spec;
using Firmware.Oci.Model;
using Firmware.Versioning;

namespace Firmware.Image.Build;

/// <summary>
/// Checks a request against its board and spec, and turns it into an <see cref="ImageBuildPlan"/>:
/// the GPT from board.yml, the ESP's files, the roots (resolved through <see cref="RootfsPlanner"/>,
/// so every image is found before anything is written).
/// </summary>
public sealed class ImageBuildPlanner
{
    /// <summary>Where the ESP is mounted on a device; board.yml names the environment block by its path under it.</summary>
    public const string EspMountPoint = "/boot/efi/";

    private readonly RootfsPlanner _roots;

    /// <summary>Plans roots with <paramref name="roots"/>.</summary>
    public ImageBuildPlanner(RootfsPlanner roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = roots;
    }

    /// <summary>Plans <paramref name="request"/>.</summary>
    /// <exception cref="ImageBuildException">The board, spec and version do not go together.</exception>
    /// <exception cref="Firmware.Oci.OciException">An image cannot be resolved.</exception>
    public async Task<ImageBuildPlan> PlanAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var board = request.Board;
        Check(request);
        var name = Path.GetFileNameWithoutExtension(request.Spec.Source);
        var seed = Encoding.UTF8.GetBytes($"{name}-{board.Name}-{request.Version}");
        GptTable table;
        try
        {
            table = GptLayoutPlanner.Plan(board.Disk.ToRequests(), board.Disk.SizeBytes, seed, board.Disk.SectorSize);
        }
        catch (ArgumentException e)
        {
            throw new ImageBuildException(ImageBuildError.LayoutInvalid, $"{board.Source}: disk: {e.Message}", e);
        }

        var grub = board.Bootloader.Backend == BootloaderBackend.Grub ? GrubTarget.For(board.Architecture) : null;
        var rootA = await PlanRootAsync(request, request.Spec, cancellationToken);
        var rootB = request.SlotBSpec is { } b ? await PlanRootAsync(request, b, cancellationToken) : null;
        var partitions = board.Disk.Partitions.Select((p, i) =>
        {
            var entry = table.Find(p.Name)!;
            return new PlannedPartition(i + 1, p.Name, p.Role, entry.FirstLba * table.SectorSize, entry.Sectors * table.SectorSize, Contents(p.Role, request));
        }).ToList();
        return new ImageBuildPlan
        {
            Request = request,
            Name = name,
            Table = table,
            Partitions = partitions,
            Grub = grub,
            EspFiles = grub is not null
                ? [EspPaths.BootFile(grub), EspPaths.AbScript, EspPaths.GrubConfig, EspPathOf(board)]
                : [TrybootFiles.Autoboot, .. TrybootFirmware.Read(request.FirmwareDirectory!).Select(f => f.Path)],
            EspSerial = BitConverter.ToUInt32(SHA256.HashData([.. seed, .. "esp"u8])),
            BootSerials = [BitConverter.ToUInt32(SHA256.HashData([.. seed, .. "boot-a"u8])), BitConverter.ToUInt32(SHA256.HashData([.. seed, .. "boot-b"u8]))],
            DataUuid = DerivedGuid.Create(seed, "data-filesystem"),
            RootA = rootA,
            RootB = rootB,
            Mtime = request.SourceDateEpoch ?? FatImage.FatEpoch,
        };
    }

    /// <summary>The environment block's path on the ESP, from board.yml's <c>bootloader.environment</c>.</summary>
    /// <exception cref="ImageBuildException">It is not under <see cref="EspMountPoint"/>.</exception>
    public static string EspPathOf(Board board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var environment = board.Bootloader.Environment;
        return environment.StartsWith(EspMountPoint, StringComparison.Ordinal) && environment.Length > EspMountPoint.Length
            ? environment[EspMountPoint.Length..]
            : throw new ImageBuildException(ImageBuildError.LayoutInvalid,
                $"{board.Source}: bootloader.environment: '{environment}' is not on the ESP (under {EspMountPoint}), where GRUB reads it");
    }

    private static void Check(ImageBuildRequest request)
    {
        var (spec, board) = (request.Spec, request.Board);
        if (board.Bootloader.Backend is not (BootloaderBackend.Grub or BootloaderBackend.Tryboot))
        {
            throw new ImageBuildException(ImageBuildError.BootloaderUnsupported,
                $"{board.Source}: board '{board.Name}' boots with {board.Bootloader.Backend}; fwtool image build makes GRUB EFI and Raspberry Pi tryboot images only (bootloader.backend: grub or tryboot)");
        }

        if (spec.Firmware?.Compatible is { Count: > 0 } compatible && !compatible.Contains(board.Name, StringComparer.Ordinal))
        {
            throw new ImageBuildException(ImageBuildError.BoardNotCompatible,
                $"{spec.Source}: firmware.compatible lists {string.Join(", ", compatible)}, not board '{board.Name}' ({board.Architecture})");
        }

        if (spec.Kernel is null)
        {
            throw new ImageBuildException(ImageBuildError.KernelMissing, $"{spec.Source}: the spec has no kernel section, so no slot could boot");
        }

        if (!FirmwareVersion.TryParse(request.Version, out var version))
        {
            throw new ArgumentException($"--version: '{request.Version}' is not a semantic version (MAJOR.MINOR.PATCH[-PRERELEASE])", nameof(request));
        }

        if (spec.Firmware?.Version is { } declared && declared != version)
        {
            throw new ImageBuildException(ImageBuildError.VersionConflict,
                $"{spec.Source}: firmware.version is {declared}, but the build was asked for {version}");
        }

        foreach (var role in new[] { PartitionRole.Esp, PartitionRole.RootA, PartitionRole.RootB })
        {
            if (board.Disk.Find(role) is null)
            {
                throw new ImageBuildException(ImageBuildError.PartitionMissing, $"{board.Source}: disk: no partition with role {role}");
            }
        }

        if (board.Bootloader.Backend == BootloaderBackend.Tryboot)
        {
            CheckTryboot(request);
        }

        if (request.SlotBSpec is not null && request.SlotBImage is not null)
        {
            throw new ArgumentException("slot B is filled from a spec or from an image, not both", nameof(request));
        }
    }

    // The firmware boots a slot's kernel from a FAT partition of its own, and needs its own files beside autoboot.txt.
    private static void CheckTryboot(ImageBuildRequest request)
    {
        var board = request.Board;
        foreach (var role in new[] { PartitionRole.BootA, PartitionRole.BootB })
        {
            if (board.Disk.Find(role) is null)
            {
                throw new ImageBuildException(ImageBuildError.PartitionMissing,
                    $"{board.Source}: disk: no partition with role {role}; the tryboot firmware loads each slot's kernel from a FAT boot partition");
            }
        }

        TrybootFirmware.Check(request.FirmwareDirectory ?? throw new ImageBuildException(ImageBuildError.FirmwareMissing,
            $"{board.Source}: board '{board.Name}' boots with the Raspberry Pi firmware; give its files with --firmware DIR (start4.elf, fixup4.dat, bcm2711-rpi-4-b.dtb, overlays/)"));
    }

    // Every root carries /etc/fw-release, so the device knows what it runs (FirmwareRelease).
    private async Task<RootfsPlan> PlanRootAsync(ImageBuildRequest request, ImageSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Files.Any(f => f.Path == FirmwareRelease.Path))
        {
            throw new ImageBuildException(ImageBuildError.InputInvalid,
                $"{spec.Source}: files: {FirmwareRelease.Path} is written by the image build (image, version and board); remove the entry");
        }

        var plan = await _roots.PlanAsync(new RootfsBuildRequest
        {
            Spec = spec,
            Platform = request.Board.Architecture == "arm64" ? Platform.LinuxArm64 : Platform.LinuxAmd64,
            Sources = request.Sources,
            SourceDateEpoch = request.SourceDateEpoch,
        }, cancellationToken);
        var release = new FirmwareRelease(Path.GetFileNameWithoutExtension(spec.Source), FirmwareVersion.Parse(request.Version), request.Board.Name);
        var text = release.Format();
        var entry = new FileEntry { Path = FirmwareRelease.Path, Kind = FileKind.Contents, Contents = text, Mode = 0b110_100_100 /* 0644 */, Uid = IdReference.Root, Gid = IdReference.Root };
        return plan with { Files = [.. plan.Files, new PlannedFile(entry, 0, 0, Encoding.UTF8.GetBytes(text))] };
    }

    private static string Contents(PartitionRole role, ImageBuildRequest request) => role switch
    {
        PartitionRole.Esp when request.Board.Bootloader.Backend == BootloaderBackend.Tryboot => "FAT: autoboot.txt (slot A), Raspberry Pi firmware",
        PartitionRole.Esp => "FAT: GRUB EFI, grub.cfg, ab.cfg, environment (slot A)",
        PartitionRole.BootA => "FAT: config.txt, cmdline.txt, slot A's kernel and initramfs, Raspberry Pi firmware",
        PartitionRole.BootB => request.SlotBSpec is not null ? "FAT: config.txt, cmdline.txt, slot B's kernel and initramfs, Raspberry Pi firmware" : "empty",
        PartitionRole.RootA => $"squashfs of {request.Spec.Source} with /boot/vmlinuz and /boot/initramfs.img",
        PartitionRole.RootB => request.SlotBSpec is { } b ? $"squashfs of {b.Source} with /boot/vmlinuz and /boot/initramfs.img"
            : request.SlotBImage is { } image ? $"squashfs {image}" : "empty",
        PartitionRole.Data => "ext4, empty",
        _ => "empty",
    };
}
