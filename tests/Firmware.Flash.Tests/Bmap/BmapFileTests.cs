using System.Text;
using Firmware.Flash.Bmap;

namespace Firmware.Flash.Tests.Bmap;

[Trait("Category", "Unit")]
public sealed class BmapFileTests
{
    private static readonly BlockMap Sample = new(10 * 4096 + 100, 4096,
        [new BlockRange(0, 1, new string('a', 64)), new BlockRange(5, 5, new string('b', 64)), new BlockRange(8, 10, new string('c', 64))]);

    [Fact]
    public void Written_map_parses_back_equal()
    {
        var parsed = BmapFile.Parse(BmapFile.Write(Sample));

        Assert.Equal(Sample.ImageSize, parsed.ImageSize);
        Assert.Equal(Sample.Ranges, parsed.Ranges);
        Assert.Equal(6, parsed.MappedBlocksCount);
        Assert.Equal(11, parsed.BlocksCount);
        Assert.Equal(100 + (5 * 4096), parsed.MappedBytes);
    }

    [Fact]
    public void A_changed_byte_fails_the_file_checksum()
    {
        var text = Encoding.UTF8.GetString(BmapFile.Write(Sample)).Replace("> 5 <", "> 6 <", StringComparison.Ordinal);

        var error = Assert.Throws<BmapException>(() => BmapFile.Parse(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(BmapError.FileChecksumMismatch, error.Error);
    }

    [Theory]
    [InlineData("not xml at all", BmapError.Malformed)]
    [InlineData("<bmap version=\"1.4\"></bmap>", BmapError.UnsupportedVersion)]
    [InlineData("<bmap version=\"2.0\"><ImageSize> 4096 </ImageSize></bmap>", BmapError.Malformed)]
    [InlineData("<other/>", BmapError.Malformed)]
    public void Malformed_files_are_rejected_with_their_error(string xml, BmapError error)
    {
        Assert.Equal(error, Assert.Throws<BmapException>(() => BmapFile.Parse(Encoding.UTF8.GetBytes(xml))).Error);
    }

    [Fact]
    public void Ranges_beyond_the_image_are_rejected_with_their_line()
    {
        var bytes = Rewritten(Sample with { Ranges = [new BlockRange(0, 11, new string('a', 64))] }, "11", "11");

        var error = Assert.Throws<BmapException>(() => BmapFile.Parse(bytes));

        Assert.Equal(BmapError.InvalidRange, error.Error);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Overlapping_ranges_are_rejected()
    {
        var map = Sample with { Ranges = [new BlockRange(0, 3, new string('a', 64)), new BlockRange(3, 4, new string('b', 64))] };

        Assert.Equal(BmapError.InvalidRange, Assert.Throws<BmapException>(() => BmapFile.Parse(BmapFile.Write(map))).Error);
    }

    [Fact]
    public void A_wrong_mapped_count_is_inconsistent()
    {
        var bytes = Rewritten(Sample, "<MappedBlocksCount> 6 </MappedBlocksCount>", "<MappedBlocksCount> 7 </MappedBlocksCount>");

        Assert.Equal(BmapError.Inconsistent, Assert.Throws<BmapException>(() => BmapFile.Parse(bytes)).Error);
    }

    /// <summary>Writes a map, edits its text, and fixes up the file checksum so only the edit is wrong.</summary>
    private static byte[] Rewritten(BlockMap map, string from, string to)
    {
        var text = Encoding.UTF8.GetString(BmapFile.Write(map));
        var start = text.IndexOf("<BmapFileChecksum> ", StringComparison.Ordinal) + "<BmapFileChecksum> ".Length;
        text = (text[..start] + new string('0', 64) + text[(start + 64)..]).Replace(from, to, StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return Encoding.UTF8.GetBytes(text[..start] + checksum + text[(start + 64)..]);
    }
}
