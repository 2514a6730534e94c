using System.Text;
using Firmware.Bundles;
using Firmware.Tar;

namespace Firmware.Core.Tests.Tar;

[Trait("Category", "Unit")]
public sealed class TarHeaderTests
{
    [Fact]
    public void A_written_header_parses_back_to_the_same_fields()
    {
        var header = new TarHeader("payloads/rootfs", 123_456_789, 1_700_000_000, 0x1A4);
        var block = new byte[TarHeader.BlockSize];

        header.WriteTo(block);

        Assert.Equal(header, TarHeader.Parse(block, 0));
    }

    [Fact]
    public void A_written_header_matches_an_independent_ustar_encoder_byte_for_byte()
    {
        var block = new byte[TarHeader.BlockSize];

        new TarHeader("manifest.json", 7200, RawTar.DefaultTime, 0x1A4).WriteTo(block);

        Assert.Equal(RawTar.Header("manifest.json", 7200), block);
    }

    [Fact]
    public void A_size_of_the_largest_octal_value_is_written_in_octal()
    {
        var block = new byte[TarHeader.BlockSize];

        new TarHeader("big", (1L << 33) - 1, 0, 0x1A4).WriteTo(block);

        Assert.Equal("77777777777\0", Encoding.ASCII.GetString(block, 124, 12));
        Assert.Equal((1L << 33) - 1, TarHeader.Parse(block, 0).Size);
    }

    [Theory]
    [InlineData(1L << 33)]
    [InlineData(9L << 30)]
    [InlineData(long.MaxValue)]
    public void A_size_of_8_GiB_or_more_is_written_in_base_256_and_parses_back(long size)
    {
        var block = new byte[TarHeader.BlockSize];

        new TarHeader("huge", size, 0, 0x1A4).WriteTo(block);

        Assert.Equal(0x80, block[124]);
        Assert.All(block[125..128], b => Assert.Equal(0, b));
        Assert.Equal(size, TarHeader.Parse(block, 0).Size);
    }

    [Fact]
    public void A_negative_base_256_size_is_a_malformed_header()
    {
        var block = RawTar.Header("huge", 0);
        block.AsSpan(124, 12).Fill(0xFF);
        RawTar.Seal(block);

        var error = Assert.Throws<BundleException>(() => TarHeader.Parse(block, 1024));

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(1024 + 124, error.Offset);
    }

    [Fact]
    public void A_base_256_marker_in_the_eight_byte_checksum_field_is_malformed()
    {
        var block = new byte[TarHeader.BlockSize];
        block[148] = 0x80;

        var error = Assert.Throws<BundleException>(() => TarHeader.Parse(block, 0));

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(148, error.Offset);
    }

    [Fact]
    public void A_base_256_marker_in_the_eight_byte_mode_field_is_malformed()
    {
        var block = RawTar.Header("manifest.json", 10);
        block.AsSpan(100, 8).Clear();
        block[100] = 0x80;
        RawTar.Seal(block);

        var error = Assert.Throws<BundleException>(() => TarHeader.Parse(block, 0));

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(100, error.Offset);
    }

    [Theory]
    [InlineData("leading space")]
    [InlineData("space instead of NUL")]
    [InlineData("NUL instead of space")]
    [InlineData("seven digits and NUL")]
    public void A_checksum_field_in_another_form_than_the_writers_is_read_as_the_same_number(string form)
    {
        // docs/bundle-format.md 1.2: readers accept NUL or space terminators and leading spaces.
        var block = RawTar.Header("manifest.json", 10);
        var digits = System.Text.Encoding.ASCII.GetString(block, 148, 6);
        Assert.StartsWith("0", digits, StringComparison.Ordinal);
        var text = form switch
        {
            "leading space" => " " + digits[1..] + "\0 ",
            "space instead of NUL" => digits + "  ",
            "NUL instead of space" => digits + "\0\0",
            _ => "0" + digits + "\0",
        };
        System.Text.Encoding.ASCII.GetBytes(text).CopyTo(block, 148);

        Assert.Equal("manifest.json", TarHeader.Parse(block, 0).Name);
    }

    [Fact]
    public void The_checksum_is_the_byte_sum_with_its_own_field_as_spaces_written_as_six_digits_NUL_space()
    {
        var block = new byte[TarHeader.BlockSize];
        new TarHeader("manifest.sig", 251, 1_700_000_000, 0x1A4).WriteTo(block);

        var sum = block.Select((b, i) => i is >= 148 and < 156 ? (int)' ' : b).Sum();

        Assert.Equal(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ", Encoding.ASCII.GetString(block, 148, 8));
    }

    [Fact]
    public void A_header_whose_checksum_does_not_match_is_a_checksum_error()
    {
        var block = RawTar.Header("manifest.json", 10);
        block[0] = (byte)'n';

        var error = Assert.Throws<BundleException>(() => TarHeader.Parse(block, 4096));

        Assert.Equal(BundleError.HeaderChecksum, error.Error);
        Assert.Equal(4096, error.Offset);
    }

    [Fact]
    public void A_header_without_the_ustar_magic_is_malformed()
    {
        var block = RawTar.Header("manifest.json", 10);
        Encoding.ASCII.GetBytes("ustar  \0").CopyTo(block, 257); // the old GNU magic
        RawTar.Seal(block);

        var error = Assert.Throws<BundleException>(() => TarHeader.Parse(block, 0));

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(257, error.Offset);
    }

    [Fact]
    public void A_regular_file_naming_a_link_target_is_malformed()
    {
        var block = RawTar.Header("manifest.json", 10, linkName: "/etc/passwd");

        var error = Assert.Throws<BundleException>(() => TarHeader.Parse(block, 0));

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
    }

    [Fact]
    public void A_non_ascii_name_is_malformed()
    {
        var block = RawTar.Header("manifest.json", 10);
        block[0] = 0xC3;
        RawTar.Seal(block);

        var error = Assert.Throws<BundleException>(() => TarHeader.Parse(block, 0));

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
    }

    [Fact]
    public void A_size_field_that_is_not_octal_is_malformed()
    {
        var block = RawTar.Header("manifest.json", 10);
        Encoding.ASCII.GetBytes("0000000001 9").CopyTo(block, 124);
        RawTar.Seal(block);

        var error = Assert.Throws<BundleException>(() => TarHeader.Parse(block, 0));

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(124, error.Offset);
    }

    [Fact]
    public void The_prefix_field_is_joined_to_the_name()
    {
        var block = RawTar.Header("kernel", 10);
        Encoding.ASCII.GetBytes("payloads").CopyTo(block, 345);
        RawTar.Seal(block);

        Assert.Equal("payloads/kernel", TarHeader.Parse(block, 0).Name);
    }

    [Fact]
    public void The_legacy_NUL_type_flag_is_a_regular_file()
    {
        var block = RawTar.Header("manifest.json", 10, type: 0);

        Assert.Equal("manifest.json", TarHeader.Parse(block, 0).Name);
    }

    [Theory]
    [InlineData('1', "hard link")]
    [InlineData('2', "symbolic link")]
    [InlineData('3', "character device")]
    [InlineData('4', "block device")]
    [InlineData('5', "directory")]
    [InlineData('6', "FIFO")]
    [InlineData('7', "contiguous file")]
    [InlineData('x', "PAX extended header")]
    [InlineData('g', "PAX extended header")]
    [InlineData('L', "GNU long name")]
    [InlineData('K', "GNU long name")]
    [InlineData('S', "0x53")]
    [InlineData('V', "0x56")]
    public void A_named_non_regular_type_flag_is_unsupported(char type, string description)
    {
        var block = RawTar.Header("payloads/kernel", 0, (byte)type);

        var error = Assert.Throws<BundleException>(() => TarHeader.Parse(block, 2048));

        Assert.Equal(BundleError.UnsupportedEntryType, error.Error);
        Assert.Equal("payloads/kernel", error.Entry);
        Assert.Equal(2048 + 156, error.Offset);
        Assert.Contains(description, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_type_flag_other_than_regular_file_is_unsupported()
    {
        for (var type = 1; type < 256; type++)
        {
            if (type == '0')
            {
                continue;
            }

            var block = RawTar.Header("f", 0, (byte)type);

            var error = Assert.Throws<BundleException>(() => TarHeader.Parse(block, 0));

            Assert.Equal(BundleError.UnsupportedEntryType, error.Error);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("name-of-exactly-one-hundred-and-one-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("caf\u00e9")]
    public void A_name_that_does_not_fit_is_not_written(string name)
    {
        var block = new byte[TarHeader.BlockSize];

        Assert.Throws<InvalidOperationException>(() => new TarHeader(name, 0, 0, 0x1A4).WriteTo(block));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 511)]
    [InlineData(511, 1)]
    [InlineData(512, 0)]
    [InlineData(513, 511)]
    public void Padding_fills_the_last_block(long size, int padding) =>
        Assert.Equal(padding, TarHeader.PaddingFor(size));
}
