using Firmware.Bench.Wiring;
using Firmware.Disk.Gpt;

namespace Firmware.Boards.Tests;

/// <summary>The boards shipped in boards/ are valid, and their layouts become valid GPTs.</summary>
[Trait("Category", "Unit")]
public sealed class RepositoryBoardsTests
{
    private static readonly BoardCatalog Catalog = new(Repository.PathOf("boards"));

    public static TheoryData<string> Boards => [.. Catalog.Names];

    [Fact]
    public void The_four_boards_are_there()
    {
        Assert.Equal(["generic-x86_64", "qemu-arm64", "qemu-x86_64", "raspberrypi4"], Catalog.Names);
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Each_board_reads_and_plans_a_table(string name)
    {
        var board = Catalog.Load(name);

        var table = GptLayoutPlanner.Plan(board.Disk.ToRequests(), board.Disk.SizeBytes, "test"u8);

        Assert.Equal(board.Disk.Partitions.Count, table.Partitions.Count);
        Assert.Equal(GptPartitionTypes.RootFor(board.Architecture), board.Disk.Find(PartitionRole.RootA)!.Type);
        Assert.Equal(board.Disk.Find(PartitionRole.RootA)!.SizeBytes, board.Disk.Find(PartitionRole.RootB)!.SizeBytes);
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Each_board_has_bench_wiring(string name)
    {
        var wiring = BoardBench.LoadFile(Path.Combine(Catalog.DirectoryOf(name), BoardCatalog.FileName));

        Assert.NotNull(wiring.Power);
    }

    [Fact]
    public void The_raspberry_pi_boots_with_tryboot_from_fat_boot_partitions()
    {
        var pi = Catalog.Load("raspberrypi4");

        Assert.Equal(new BootloaderSettings(BootloaderBackend.Tryboot, "/boot/firmware", 1), pi.Bootloader);
        Assert.Equal(GptPartitionTypes.BasicData, pi.Disk.Find(PartitionRole.BootA)!.Type);
        Assert.Equal(new StatusLed(0, 42, ActiveLow: false), pi.StatusLed);
    }

    [Fact]
    public void An_unknown_board_lists_the_known_ones()
    {
        var error = Assert.Throws<UnknownBoardException>(() => Catalog.Load("beaglebone"));

        Assert.Contains("qemu-x86_64", error.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownBoardException>(() => Catalog.Load("../boards/qemu-x86_64"));
    }
}
