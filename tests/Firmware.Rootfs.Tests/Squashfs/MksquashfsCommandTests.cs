using Firmware.Rootfs.Squashfs;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Tests.Squashfs;

[Trait("Category", "Unit")]
public sealed class MksquashfsCommandTests
{
    private static readonly DirectoryNode Root = new() { Mode = (UnixFileMode)0b111_101_101, Uid = 0, Gid = 0, MTime = 1_800_000_000 };

    [Fact]
    public void Pseudo_file_input_reads_an_empty_directory_and_states_every_time_and_the_root()
    {
        var command = MksquashfsCommand.For(SquashfsInput.PseudoFile, "/w/empty", "/w/pseudo", "/w/out.img", Root,
            new SquashfsOptions { SourceDateEpoch = 1_700_000_000 });

        Assert.Equal(
            ["/w/empty", "/w/out.img", "-pf", "/w/pseudo", "-noappend", "-no-progress", "-quiet", "-exit-on-error", "-comp", "zstd",
             "-b", "131072", "-root-mode", "755", "-mkfs-time", "1700000000", "-root-time", "1700000000", "-root-uid", "0", "-root-gid", "0",
             "-no-xattrs"],
            command.Arguments);
        Assert.Empty(command.Environment);
    }

    [Fact]
    public void Tar_input_reads_standard_input_keeps_xattrs_and_fixes_time_through_SOURCE_DATE_EPOCH()
    {
        var command = MksquashfsCommand.For(SquashfsInput.Tar, null, null, "out.img", Root,
            new SquashfsOptions { SourceDateEpoch = 1_800_000_000, CompressionLevel = 19, BlockSize = 1 << 20, Processors = 2 });

        Assert.Equal(
            ["-", "out.img", "-tar", "-noappend", "-no-progress", "-quiet", "-exit-on-error", "-comp", "zstd", "-Xcompression-level", "19",
             "-b", "1048576", "-root-mode", "755", "-processors", "2"],
            command.Arguments);
        Assert.Equal("1800000000", Assert.Single(command.Environment, e => e.Key == "SOURCE_DATE_EPOCH").Value);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2048)]
    [InlineData(2 << 20)]
    public void A_block_size_mksquashfs_refuses_is_misuse(int blockSize)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            MksquashfsCommand.For(SquashfsInput.Tar, null, null, "o", Root, new SquashfsOptions { BlockSize = blockSize }));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void Pseudo_file_input_needs_its_source_and_pseudo_file()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            MksquashfsCommand.For(SquashfsInput.PseudoFile, "/w/empty", null, "o", Root, new SquashfsOptions()));

        Assert.Equal("pseudoFile", error.ParamName);
    }
}
