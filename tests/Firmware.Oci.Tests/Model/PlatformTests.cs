using Firmware.Oci.Model;

namespace Firmware.Oci.Tests.Model;

[Trait("Category", "Unit")]
public sealed class PlatformTests
{
    [Theory]
    [InlineData("arm64", null, true)]
    [InlineData("arm64", "v8", true)]
    [InlineData("arm64", "v9", false)]
    [InlineData("arm", "v7", false)]
    [InlineData("amd64", null, false)]
    public void Arm64MatchesVariantV8OrNone(string architecture, string? variant, bool matches) =>
        Assert.Equal(matches, Platform.LinuxArm64.Matches(new Platform { Os = "linux", Architecture = architecture, Variant = variant }));

    [Fact]
    public void Arm64V8AskedMatchesAManifestWithNoVariant() =>
        Assert.True(Platform.Parse("linux/arm64/v8").Matches(Platform.LinuxArm64));

    [Theory]
    [InlineData("amd64", null, true)]
    [InlineData("amd64", "v1", true)]
    [InlineData("amd64", "v3", false)]
    [InlineData("arm64", null, false)]
    [InlineData("386", null, false)]
    public void Amd64Matches(string architecture, string? variant, bool matches) =>
        Assert.Equal(matches, Platform.LinuxAmd64.Matches(new Platform { Os = "linux", Architecture = architecture, Variant = variant }));

    [Fact]
    public void OsMustMatch() =>
        Assert.False(Platform.LinuxAmd64.Matches(new Platform { Os = "windows", Architecture = "amd64" }));

    [Theory]
    [InlineData("amd64", "linux/amd64")]
    [InlineData("x86_64", "linux/amd64")]
    [InlineData("aarch64", "linux/arm64")]
    [InlineData("linux/arm64", "linux/arm64")]
    [InlineData("linux/arm/v7", "linux/arm/v7")]
    public void ParsesShortAndLongForms(string text, string expected) => Assert.Equal(expected, Platform.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("linux//arm64")]
    [InlineData("a/b/c/d")]
    public void RejectsMalformedPlatforms(string text) =>
        Assert.Equal("text", Assert.ThrowsAny<ArgumentException>(() => Platform.Parse(text)).ParamName);
}
