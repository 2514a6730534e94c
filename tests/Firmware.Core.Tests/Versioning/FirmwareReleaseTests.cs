using Firmware.Versioning;

namespace Firmware.Core.Tests.Versioning;

[Trait("Category", "Unit")]
public sealed class FirmwareReleaseTests
{
    [Fact]
    public void What_is_written_reads_back()
    {
        var release = new FirmwareRelease("gateway", FirmwareVersion.Parse("1.2.3-rc.1"), "qemu-arm64");

        var text = release.Format();

        Assert.Equal("IMAGE_ID=gateway\nIMAGE_VERSION=1.2.3-rc.1\nFW_BOARD=qemu-arm64\n", text);
        Assert.Equal(release, FirmwareRelease.Parse(text, "fw-release"));
    }

    [Fact]
    public void Os_release_syntax_is_accepted_comments_blank_lines_quotes_and_other_keys()
    {
        var release = FirmwareRelease.Parse("# built by ci\n\nNAME=\"Gateway OS\"\nIMAGE_ID=\"gateway\"\nIMAGE_VERSION=0.2.0\r\nFW_BOARD=qemu-x86_64\n", "x");

        Assert.Equal(("gateway", "0.2.0", "qemu-x86_64"), (release.ImageId, release.Version.Text, release.Board));
    }

    [Theory]
    [InlineData("IMAGE_ID=g\nFW_BOARD=b\n", "x: no IMAGE_VERSION")]
    [InlineData("IMAGE_ID=g\nIMAGE_VERSION=\nFW_BOARD=b\n", "x: no IMAGE_VERSION")]
    [InlineData("IMAGE_ID=g\nIMAGE_VERSION=one\nFW_BOARD=b\n", "x: IMAGE_VERSION 'one' is not a semantic version")]
    [InlineData("IMAGE_ID=g\ngarbage\n", "x:2: 'garbage' is not KEY=value")]
    [InlineData("=1\n", "x:1: '=1' is not KEY=value")]
    public void Bad_files_are_refused_naming_the_line_or_key(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => FirmwareRelease.Parse(text, "x"));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_missing_file_is_no_release_and_an_oversized_one_is_refused()
    {
        using var scratch = new ScratchDirectory();
        Assert.Null(FirmwareRelease.TryRead(scratch.Of("fw-release")));

        File.WriteAllText(scratch.Of("fw-release"), "IMAGE_ID=g\n" + new string('#', FirmwareRelease.MaxBytes));
        var e = Assert.Throws<FormatException>(() => FirmwareRelease.TryRead(scratch.Of("fw-release")));
        Assert.Contains("larger than 4096 bytes", e.Message, StringComparison.Ordinal);
    }
}
