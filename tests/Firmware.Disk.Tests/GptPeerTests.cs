using System.Text.Json;
using Firmware.Disk.Gpt;

namespace Firmware.Disk.Tests;

/// <summary>util-linux's sfdisk and gdisk's sgdisk must accept what we write, and we must read what sfdisk writes.</summary>
[Trait("Category", "Integration")]
public sealed class GptPeerTests
{
    [Fact]
    public void Sfdisk_reads_our_table_as_we_wrote_it()
    {
        using var scratch = new ScratchDirectory();
        var table = GptLayoutPlanner.Plan(GptSamples.AbLayout(), null, GptSamples.Seed);
        var path = GptSamples.WriteImage(scratch, table);

        var dump = Run(scratch, "sfdisk", "--json", path);
        var json = JsonDocument.Parse(dump.Stdout).RootElement.GetProperty("partitiontable");

        Assert.Equal("gpt", json.GetProperty("label").GetString());
        Assert.Equal(table.DiskId, Guid.Parse(json.GetProperty("id").GetString()!));
        Assert.Equal(table.FirstUsableLba, json.GetProperty("firstlba").GetInt64());
        Assert.Equal(table.LastUsableLba, json.GetProperty("lastlba").GetInt64());
        var partitions = json.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(table.Partitions.Count, partitions.Count);
        foreach (var (ours, theirs) in table.Partitions.Zip(partitions))
        {
            Assert.Equal(ours.Name, theirs.GetProperty("name").GetString());
            Assert.Equal(ours.Type, Guid.Parse(theirs.GetProperty("type").GetString()!));
            Assert.Equal(ours.Id, Guid.Parse(theirs.GetProperty("uuid").GetString()!));
            Assert.Equal(ours.FirstLba, theirs.GetProperty("start").GetInt64());
            Assert.Equal(ours.Sectors, theirs.GetProperty("size").GetInt64());
        }

        Assert.Equal("GUID:60,63", partitions[2].GetProperty("attrs").GetString());
        Assert.Empty(Run(scratch, "sfdisk", "--verify", path).Stderr);
    }

    [Fact]
    public void Sgdisk_finds_no_problems()
    {
        using var scratch = new ScratchDirectory();
        var path = GptSamples.WriteImage(scratch, GptLayoutPlanner.Plan(GptSamples.AbLayout("arm64"), 96 << 20, GptSamples.Seed));

        var verify = Run(scratch, "sgdisk", "--verify", path);

        Assert.Contains("No problems found", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void We_read_a_table_sfdisk_wrote()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Of("theirs.img");
        using (var file = File.Create(path))
        {
            file.SetLength(48 << 20);
        }

        var script = """
            label: gpt
            label-id: 6C4D1F2A-0B3E-4F5A-9C8D-7E6F5A4B3C2D
            start=2048, size=16384, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=11111111-2222-4333-8444-555555555555, name="esp"
            size=32768, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=21111111-2222-4333-8444-555555555555, name="rootfs-a", attrs="GUID:60"
            """;
        var result = ProcessRunner.Run("sh", ["-c", $"sfdisk --no-reread --no-tell-kernel '{path}' <<'EOF'\n{script}\nEOF"], scratch.Path);
        Assert.True(result.ExitCode == 0, result.ToString());

        using var disk = File.OpenRead(path);
        var table = GptTable.Read(disk);

        Assert.Equal(Guid.Parse("6C4D1F2A-0B3E-4F5A-9C8D-7E6F5A4B3C2D"), table.DiskId);
        Assert.Equal(2, table.Partitions.Count);
        Assert.Equal(new GptPartition("rootfs-a", GptPartitionTypes.RootX64, Guid.Parse("21111111-2222-4333-8444-555555555555"), 18432, 18432 + 32768 - 1, GptAttributes.ReadOnly), table.Partitions[1]);
    }

    private static ProcessResult Run(ScratchDirectory scratch, string program, params string[] args)
    {
        var result = ProcessRunner.Run(program, args, scratch.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
