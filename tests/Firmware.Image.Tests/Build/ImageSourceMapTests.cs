using Firmware.Image.Build;
using Firmware.Image.Spec;

namespace Firmware.Image.Tests.Build;

[Trait("Category", "Unit")]
public sealed class ImageSourceMapTests
{
    [Fact]
    public void AMappedReferenceReadsItsLocationAndOthersTheirRegistry()
    {
        var map = ImageSourceMap.Parse(["fw/busybox:dev=oci:out/pkg/busybox:dev", "fw/runc@sha256:" + new string('a', 64) + "=docker://127.0.0.1:5000/fw/runc:1"]);

        Assert.Equal("oci:out/pkg/busybox:dev", map.LocationOf(ImageReference.Parse("fw/busybox:dev")));
        Assert.Equal("docker://127.0.0.1:5000/fw/runc:1", map.LocationOf(ImageReference.Parse("fw/runc@sha256:" + new string('a', 64))));
        Assert.Equal("registry.example.com:5000/fw/init:v1", map.LocationOf(ImageReference.Parse("registry.example.com:5000/fw/init:v1")));
    }

    [Theory]
    [InlineData("fw/busybox:dev")]
    [InlineData("=oci:x:dev")]
    [InlineData("fw/busybox:dev=")]
    public void APairWithoutBothSidesIsRefused(string pair) =>
        Assert.Equal("pairs", Assert.Throws<ArgumentException>(() => ImageSourceMap.Parse([pair])).ParamName);

    [Fact]
    public void AReferenceMappedTwiceIsRefused() =>
        Assert.Equal("locations", Assert.Throws<ArgumentException>(() => ImageSourceMap.Parse(["fw/a:1=oci:x:1", "fw/a:1=oci:y:1"])).ParamName);
}
