using Firmware.Disk.Gpt;

namespace Firmware.Disk.Tests;

[Trait("Category", "Unit")]
public sealed class GptTableTests
{
    [Fact]
    public void Planned_layout_is_aligned_ordered_and_sized_just_large_enough()
    {
        var table = GptLayoutPlanner.Plan(GptSamples.AbLayout(), diskBytes: null, GptSamples.Seed);

        Assert.Equal(["esp", "rootfs-a", "rootfs-b", "data"], table.Partitions.Select(p => p.Name));
        Assert.All(table.Partitions, p => Assert.Equal(0, p.FirstLba * 512 % GptLayoutPlanner.Alignment));
        Assert.Equal(2048, table.Partitions[0].FirstLba);
        Assert.Equal(16L << 20, table.Partitions[1].Sectors * 512);
        Assert.Equal(0, table.DiskBytes % GptLayoutPlanner.Alignment);
        Assert.True(table.Partitions[^1].LastLba <= table.LastUsableLba);
        Assert.Equal((1 + 8 + 16 + 16 + 4 + 1) << 20, table.DiskBytes); // 1 MiB head, partitions, 1 MiB tail
    }

    [Fact]
    public void Last_partition_takes_the_rest_of_a_given_disk()
    {
        var requests = GptSamples.AbLayout().ToList();
        requests[^1] = requests[^1] with { SizeBytes = null };

        var table = GptLayoutPlanner.Plan(requests, diskBytes: 64 << 20, GptSamples.Seed);

        Assert.Equal(table.LastUsableLba, table.Partitions[^1].LastLba);
        Assert.Equal(64L << 20, table.DiskBytes);
    }

    [Fact]
    public void Guids_are_derived_from_the_seed()
    {
        var first = GptLayoutPlanner.Plan(GptSamples.AbLayout(), null, GptSamples.Seed);
        var again = GptLayoutPlanner.Plan(GptSamples.AbLayout(), null, GptSamples.Seed);
        var other = GptLayoutPlanner.Plan(GptSamples.AbLayout(), null, "minimal 1.0.1"u8);

        Assert.Equal(first.DiskId, again.DiskId);
        Assert.Equal(first.Partitions.Select(p => p.Id), again.Partitions.Select(p => p.Id));
        Assert.NotEqual(first.DiskId, other.DiskId);
        Assert.Equal(4, first.Partitions.Select(p => p.Id).Distinct().Count());
        Assert.All(first.Partitions, p => Assert.Equal(8, p.Id.Version));
        Assert.Equal(first.Encode().Primary.ToArray(), again.Encode().Primary.ToArray());
    }

    [Fact]
    public void Round_trips_through_bytes()
    {
        using var scratch = new ScratchDirectory();
        var table = GptLayoutPlanner.Plan(GptSamples.AbLayout("arm64"), null, GptSamples.Seed);
        var path = GptSamples.WriteImage(scratch, table);

        using var disk = File.OpenRead(path);
        var read = GptTable.Read(disk);

        Assert.Equal(table.DiskId, read.DiskId);
        Assert.Equal(table.DiskSectors, read.DiskSectors);
        Assert.Equal(table.Partitions, read.Partitions);
    }

    [Fact]
    public void Encoded_header_has_the_fields_uefi_specifies()
    {
        var table = GptLayoutPlanner.Plan(GptSamples.AbLayout(), null, GptSamples.Seed);
        var primary = table.Encode().Primary.Span;

        Assert.Equal(0xEE, primary[446 + 4]);
        Assert.Equal([0x55, 0xAA], primary.Slice(510, 2).ToArray());
        Assert.Equal("EFI PART"u8.ToArray(), primary.Slice(512, 8).ToArray());
        Assert.Equal(34, table.FirstUsableLba);
        Assert.Equal(table.DiskSectors - 34, table.LastUsableLba);
    }

    [Theory]
    [InlineData("overlap")]
    [InlineData("outside")]
    [InlineData("long-name")]
    [InlineData("no-type")]
    [InlineData("same-id")]
    public void Invalid_tables_are_refused(string problem)
    {
        var id = Guid.NewGuid();
        GptPartition[] partitions = problem switch
        {
            "overlap" => [new("a", GptPartitionTypes.LinuxData, Guid.NewGuid(), 2048, 4095), new("b", GptPartitionTypes.LinuxData, Guid.NewGuid(), 4000, 6000)],
            "outside" => [new("a", GptPartitionTypes.LinuxData, Guid.NewGuid(), 2048, 20_000)],
            "long-name" => [new(new string('x', 37), GptPartitionTypes.LinuxData, Guid.NewGuid(), 2048, 4095)],
            "no-type" => [new("a", Guid.Empty, Guid.NewGuid(), 2048, 4095)],
            _ => [new("a", GptPartitionTypes.LinuxData, id, 2048, 4095), new("b", GptPartitionTypes.LinuxData, id, 4096, 6000)],
        };

        Assert.Throws<ArgumentException>("partitions", () => new GptTable(Guid.NewGuid(), 16_384, partitions));
    }

    [Fact]
    public void Only_the_last_request_may_take_the_rest()
    {
        var requests = GptSamples.AbLayout().ToList();
        requests[1] = requests[1] with { SizeBytes = null };

        Assert.Throws<ArgumentException>("requests", () => GptLayoutPlanner.Plan(requests, 64 << 20, GptSamples.Seed));
    }

    [Fact]
    public void A_disk_too_small_for_the_partitions_is_refused()
    {
        Assert.Throws<ArgumentException>("diskBytes", () => GptLayoutPlanner.Plan(GptSamples.AbLayout(), 32 << 20, GptSamples.Seed));
    }
}
