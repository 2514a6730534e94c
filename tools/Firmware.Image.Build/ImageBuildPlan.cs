using Firmware.Boards;
using Firmware.Disk.Gpt;
using Firmware.Image.Build.Grub;

namespace Firmware.Image.Build;

/// <summary>
/// Everything an image build will write, decided before anything is: the disk's GPT and what fills
/// each partition, the files of the ESP, the roots to build, the output names. <c>--dry-run</c>
/// prints it; <see cref="ImageBuilder"/> executes it.
/// </summary>
public sealed record ImageBuildPlan
{
    /// <summary>The request planned.</summary>
    public required ImageBuildRequest Request { get; init; }

    /// <summary>The image's name: the spec's file name without its extension.</summary>
    public required string Name { get; init; }

    /// <summary>The board.</summary>
    public Board Board => Request.Board;

    /// <summary>The GPT.</summary>
    public required GptTable Table { get; init; }

    /// <summary>The partitions in table order.</summary>
    public required IReadOnlyList<PlannedPartition> Partitions { get; init; }

    /// <summary>GRUB's platform, or null on a board the Raspberry Pi firmware boots.</summary>
    public required GrubTarget? Grub { get; init; }

    /// <summary>The files the ESP will hold, by path.</summary>
    public required IReadOnlyList<string> EspFiles { get; init; }

    /// <summary>The ESP's FAT volume serial, which GRUB's embedded config searches for.</summary>
    public required uint EspSerial { get; init; }

    /// <summary>The FAT volume serials of boot-a and boot-b on a tryboot board.</summary>
    public required IReadOnlyList<uint> BootSerials { get; init; }

    /// <summary>The data partition's ext4 UUID.</summary>
    public required Guid DataUuid { get; init; }

    /// <summary>Slot A's root.</summary>
    public required RootfsPlan RootA { get; init; }

    /// <summary>Slot B's root when built from a spec, else null.</summary>
    public RootfsPlan? RootB { get; init; }

    /// <summary>The time written into FAT and ext4 (SOURCE_DATE_EPOCH, or FAT's earliest time).</summary>
    public required long Mtime { get; init; }

    /// <summary>The kernel command line besides <c>root=</c> and <c>fw.slot=</c>: the spec's, then the board's.</summary>
    public string Cmdline => string.Join(' ', new[] { Request.Spec.Kernel!.Cmdline, Board.Kernel.Cmdline }.Where(c => c.Length > 0));

    /// <summary>NAME-BOARD-VERSION, the stem of every output.</summary>
    public string Stem => $"{Name}-{Board.Name}-{Request.Version}";

    /// <summary>The disk image's file name.</summary>
    public string ImageFile => Stem + ".img";

    /// <summary>The bmap's file name.</summary>
    public string BmapFile => Stem + ".img.bmap";

    /// <summary>The bundle's file name.</summary>
    public string BundleFile => Stem + ".fwb";

    /// <summary>The partition playing <paramref name="role"/>, or null.</summary>
    public PlannedPartition? Find(PartitionRole role) => Partitions.FirstOrDefault(p => p.Role == role);
}
