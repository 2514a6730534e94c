using Firmware.Oci.Model;

namespace Firmware.Oci.Tests.Model;

[Trait("Category", "Unit")]
public sealed class ImageReferenceTests
{
    private const string Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", "latest", "docker.io/library/busybox:latest")]
    [InlineData("busybox:1.36", "docker.io", "library/busybox", "1.36", "docker.io/library/busybox:1.36")]
    [InlineData("linuxkit/init:v1.0", "docker.io", "linuxkit/init", "v1.0", "docker.io/linuxkit/init:v1.0")]
    [InlineData("docker.io/alpine", "docker.io", "library/alpine", "latest", "docker.io/library/alpine:latest")]
    [InlineData("index.docker.io/alpine", "docker.io", "library/alpine", "latest", "docker.io/library/alpine:latest")]
    [InlineData("ghcr.io/org/team/app:v2", "ghcr.io", "org/team/app", "v2", "ghcr.io/org/team/app:v2")]
    [InlineData("localhost/app", "localhost", "app", "latest", "localhost/app:latest")]
    [InlineData("127.0.0.1:5000/fw/heartbeat:1", "127.0.0.1:5000", "fw/heartbeat", "1", "127.0.0.1:5000/fw/heartbeat:1")]
    [InlineData("registry.example.com:443/a_b/c-d__e.f:tag_1.2-x", "registry.example.com:443", "a_b/c-d__e.f", "tag_1.2-x", "registry.example.com:443/a_b/c-d__e.f:tag_1.2-x")]
    public void ParsesAndNormalises(string text, string registry, string repository, string tag, string normalised)
    {
        var reference = ImageReference.Parse(text);
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Null(reference.Digest);
        Assert.Equal(tag, reference.ManifestReference);
        Assert.Equal(normalised, reference.ToString());
    }

    [Fact]
    public void ADigestPinsTheManifestAndImpliesNoTag()
    {
        var reference = ImageReference.Parse($"127.0.0.1:5000/app@sha256:{Hex}");
        Assert.Null(reference.Tag);
        Assert.Equal($"sha256:{Hex}", reference.ManifestReference);
        Assert.Equal($"127.0.0.1:5000/app@sha256:{Hex}", reference.ToString());
    }

    [Fact]
    public void TagAndDigestTogetherKeepBothAndAskByDigest()
    {
        var reference = ImageReference.Parse($"busybox:1.36@sha256:{Hex}");
        Assert.Equal("1.36", reference.Tag);
        Assert.Equal($"sha256:{Hex}", reference.ManifestReference);
    }

    [Fact]
    public void DockerHubApiIsOnRegistry1() => Assert.Equal("registry-1.docker.io", ImageReference.Parse("busybox").ApiHost);

    [Theory]
    [InlineData("")]
    [InlineData("Busybox")]
    [InlineData("example.com/Upper/case")]
    [InlineData("busybox:")]
    [InlineData("busybox:-bad")]
    [InlineData("a//b")]
    [InlineData("busybox@sha256:abc")]
    [InlineData("busybox@sha256:" + "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("http://example.com/app")]
    [InlineData("app:tag:extra")]
    public void RejectsMalformedReferences(string text)
    {
        var error = Assert.Throws<OciException>(() => ImageReference.Parse(text));
        Assert.Equal(OciError.InvalidReference, error.Error);
    }
}
