using Firmware.Disk.Gpt;

namespace Firmware.Disk.Tests;

[Trait("Category", "Malformed")]
public sealed class GptMalformedTests
{
    private static readonly GptTable Table = GptLayoutPlanner.Plan(GptSamples.AbLayout(), null, GptSamples.Seed);

    [Theory]
    [InlineData(510, GptError.NoProtectiveMbr)]          // boot signature
    [InlineData(446 + 4, GptError.NoProtectiveMbr)]      // 0xEE type
    [InlineData(512 + 3, GptError.BadHeader)]            // "EFI PART"
    [InlineData(512 + 24, GptError.HeaderChecksum)]      // MyLBA, under the header CRC
    [InlineData(1024 + 40, GptError.EntriesChecksum)]    // first entry's last LBA
    public void A_flipped_bit_in_the_primary_table_is_caught(int offset, GptError expected)
    {
        var disk = Image();
        disk[offset] ^= 0x04;

        var error = Assert.Throws<GptException>(() => GptTable.Read(new MemoryStream(disk)));

        Assert.Equal(expected, error.Error);
    }

    [Fact]
    public void A_flipped_bit_in_the_backup_entries_is_caught()
    {
        var disk = Image();
        disk[Table.BackupEntriesLba * 512 + 100] ^= 0x01;

        Assert.Equal(GptError.EntriesChecksum, Assert.Throws<GptException>(() => GptTable.Read(new MemoryStream(disk))).Error);
    }

    [Fact]
    public void A_backup_that_disagrees_with_the_primary_is_caught()
    {
        var other = GptLayoutPlanner.Plan(GptSamples.AbLayout(), null, "another image"u8);
        var disk = Image();
        other.Encode().Backup.Span.CopyTo(disk.AsSpan((int)Table.BackupEntriesLba * 512));

        Assert.Equal(GptError.BackupMismatch, Assert.Throws<GptException>(() => GptTable.Read(new MemoryStream(disk))).Error);
    }

    [Fact]
    public void A_truncated_disk_is_caught()
    {
        var disk = Image().AsSpan(0, (int)Table.DiskBytes - 512).ToArray();

        var error = Assert.Throws<GptException>(() => GptTable.Read(new MemoryStream(disk)));

        Assert.Equal(GptError.Truncated, error.Error);
        Assert.Contains($"sector {Table.BackupHeaderLba}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_disk_is_not_a_gpt()
    {
        Assert.Equal(GptError.NoProtectiveMbr, Assert.Throws<GptException>(() => GptTable.Read(new MemoryStream(new byte[1 << 20]))).Error);
    }

    private static byte[] Image()
    {
        var stream = new MemoryStream();
        stream.SetLength(Table.DiskBytes);
        Table.WriteTo(stream);
        return stream.ToArray();
    }
}
