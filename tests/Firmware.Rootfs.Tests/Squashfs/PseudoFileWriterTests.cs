using System.Text;
using Firmware.Rootfs.Squashfs;
using Firmware.Rootfs.Tests.Support;

namespace Firmware.Rootfs.Tests.Squashfs;

[Trait("Category", "Unit")]
public sealed class PseudoFileWriterTests : TreeTestBase
{
    private string Write(long? epoch = null)
    {
        using var output = new MemoryStream();
        PseudoFileWriter.Write(Fixture.Tree, output, epoch);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void Every_entry_is_defined_with_its_metadata_and_file_bytes_follow_once_per_content()
    {
        Fixture.Apply(SampleTrees.Everything());

        Assert.Equal("""
            bin D 1700000000 755 0 0
            bin/busybox R 1700000000 755 0 0 14 0
            bin/ls L bin/busybox
            bin/sh L bin/busybox
            bin/su R 1700000000 4755 0 0 2 14
            bin/vi S 1700000000 777 0 0 busybox
            dev D 1700000000 755 0 0
            dev/null C 1700000000 666 0 0 1 3
            dev/sda B 1700000000 660 0 6 8 0
            home D 1700000000 755 0 0
            home/user D 1700000000 750 1000 1000
            home/user/copy\ of\ notes R 1700000000 644 1000 100 4 16
            home/user/notes R 1700000000 600 1000 100 4 16
            lib S 1700000000 777 0 0 usr/lib
            run D 1700000000 755 0 0
            run/initctl I 1700000000 600 0 0 f
            tmp D 1700000000 1777 0 0
            usr D 1700000000 755 0 0
            usr/lib D 1700000000 755 0 0
            usr/lib/empty R 1700000000 644 0 0 0 20
            #
            # START OF DATA - DO NOT MODIFY
            #
            busybox binarysusame
            """.Replace("\r", "", StringComparison.Ordinal), Write());
    }

    [Fact]
    public void Times_above_the_epoch_are_clamped_to_it()
    {
        Fixture.Apply(new LayerBuilder().File("a", "x"));

        Assert.StartsWith("a R 1600000000 644 0 0 1 0\n", Write(1_600_000_000), StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_backslashes_and_tabs_in_names_are_escaped()
    {
        Fixture.Tree.AddFile("/we\"ird\\na\tme", "x"u8, (UnixFileMode)0b110_100_100, 0, 0);

        Assert.StartsWith("we\\\"ird\\\\na\\\tme R 0 644 0 0 1 0\n", Write(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new\nline", "target")]
    [InlineData("link", " leading-space")]
    [InlineData("link", "ends-in-backslash\\")]
    public void Names_and_targets_a_pseudo_file_cannot_hold_are_rejected_naming_the_entry(string name, string target)
    {
        Fixture.Tree.AddSymlink(name, target, 0, 0);

        var error = Assert.Throws<RootfsException>(() => Write());

        Assert.Equal(RootfsError.NotRepresentable, error.Error);
        Assert.Equal("/" + name, error.Entry);
    }
}
