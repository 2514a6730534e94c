using System.Text;
using Firmware.Image.Build.Grub;

namespace Firmware.Image.Build.Tests.Grub;

/// <summary>grub-mkimage links the same EFI application from the same inputs, with the config embedded.</summary>
[Trait("Category", "Integration")]
public sealed class GrubEfiImageTests
{
    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task The_EFI_application_is_reproducible_and_embeds_the_config(string arch)
    {
        using var scratch = new ScratchDirectory();
        var config = GrubEfiImage.EmbeddedConfig("1234-ABCD");
        var first = await GrubEfiImage.BuildAsync(GrubTarget.For(arch), config, scratch.Path, CancellationToken.None);
        var second = await GrubEfiImage.BuildAsync(GrubTarget.For(arch), config, scratch.Path, CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Equal("MZ"u8.ToArray(), first[..2]); // a PE/COFF image, as UEFI loads
        Assert.Contains("search --no-floppy --fs-uuid --set=root 1234-ABCD", Encoding.Latin1.GetString(first), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_modules_name_the_package()
    {
        using var scratch = new ScratchDirectory();
        var target = GrubTarget.X64 with { ModuleDirectory = scratch.Of("none") };
        var e = await Assert.ThrowsAsync<ImageBuildException>(() => GrubEfiImage.BuildAsync(target, "", scratch.Path, CancellationToken.None));
        Assert.Equal(ImageBuildError.ToolFailed, e.Error);
        Assert.Contains("install the Debian package grub-efi-amd64-bin", e.Message, StringComparison.Ordinal);
    }
}
