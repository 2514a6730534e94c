using Firmware.Oci.Blobs;
using Firmware.Oci.Model;
using Firmware.Oci.Sources;

namespace Firmware.Oci.Tests.Registry;

/// <summary>Pulls from Debian's docker-registry, images pushed there by skopeo.</summary>
[Trait("Category", "Integration")]
public sealed class RegistryPullTests(OpenRegistryFixture registry) : IClassFixture<OpenRegistryFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private RegistrySource Source => new(_http);

    [Theory]
    [InlineData("fw/app", "amd64", 0)]
    [InlineData("fw/app", "arm64", 1)]
    [InlineData("fw/docker", "amd64", 0)]
    [InlineData("fw/docker", "arm64", 1)]
    public async Task PullsEachPlatformByTag(string name, string architecture, int manifest)
    {
        var source = Source;
        var image = await source.ResolveAsync($"{registry.Host}/{name}:v1", Platform.Parse(architecture), CancellationToken.None);
        Assert.Equal(architecture, image.Config.Architecture);
        Assert.Equal("""{"readonly":true}""", image.Config.Config!.Labels!["org.mobyproject.config"]);
        var layer = await TestImages.ReadBlobAsync(source, image, image.Layers[0]);
        Assert.Equal(architecture + "\n", TestImages.FileInLayer(layer, "etc/arch"));
        if (name == "fw/app")
        {
            // skopeo copied the OCI index as it was: the digests are the ones our writer made.
            Assert.Equal(registry.Index.Digest, image.IndexDigest);
            Assert.Equal(registry.Manifests[manifest].Digest, image.ManifestDescriptor.Digest);
        }
        else
        {
            Assert.Equal(MediaTypes.DockerManifest, image.ManifestDescriptor.MediaType);
        }
    }

    [Fact]
    public async Task PullsByTheIndexDigestAndByThePlatformManifestDigest()
    {
        var byIndex = await Source.ResolveAsync($"{registry.Host}/fw/app@{registry.Index.Digest}", Platform.LinuxArm64, CancellationToken.None);
        Assert.Equal(registry.Manifests[1].Digest, byIndex.ManifestDescriptor.Digest);
        var byManifest = await Source.ResolveAsync($"{registry.Host}/fw/app@{registry.Manifests[0].Digest}", Platform.LinuxAmd64, CancellationToken.None);
        Assert.Null(byManifest.IndexDigest);
        Assert.Equal("amd64", byManifest.Config.Architecture);
    }

    [Fact]
    public async Task AMissingImageOrTagIsNotFoundNamingTheUrl()
    {
        var missing = await Assert.ThrowsAsync<OciException>(() => Source.ResolveAsync($"{registry.Host}/fw/nothing:v1", Platform.LinuxAmd64, CancellationToken.None));
        Assert.Equal(OciError.NotFound, missing.Error);
        Assert.Contains($"http://{registry.Host}/v2/fw/nothing/manifests/v1", missing.Message, StringComparison.Ordinal);
        var tag = await Assert.ThrowsAsync<OciException>(() => Source.ResolveAsync($"{registry.Host}/fw/app:v9", Platform.LinuxAmd64, CancellationToken.None));
        Assert.Equal(OciError.NotFound, tag.Error);
        Assert.Contains("MANIFEST_UNKNOWN", tag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWrongArchitectureIsAClearError()
    {
        var error = await Assert.ThrowsAsync<OciException>(() => Source.ResolveAsync($"{registry.Host}/fw/amd64only:v1", Platform.LinuxArm64, CancellationToken.None));
        Assert.Equal(OciError.PlatformNotFound, error.Error);
        Assert.Contains("linux/amd64, not linux/arm64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCacheServesTheSecondPullAndCountsIt()
    {
        using var scratch = new ScratchDirectory();
        var cache = new BlobCache(scratch.Of("cache"));
        var source = new CachingImageSource(Source, cache);
        for (var pull = 0; pull < 2; pull++)
        {
            var image = await source.ResolveAsync($"{registry.Host}/fw/app:v1", Platform.LinuxAmd64, CancellationToken.None);
            var layer = await TestImages.ReadBlobAsync(source, image, image.Layers[0]);
            Assert.Equal("amd64\n", TestImages.FileInLayer(layer, "etc/arch"));
        }

        Assert.Equal((1, 1), (cache.Misses, cache.Hits));
        Assert.Empty(Directory.GetFiles(Path.Combine(cache.Root, "tmp")));
    }

    [Fact]
    public async Task AnUnknownBlobIsNotFound()
    {
        var image = await Source.ResolveAsync($"{registry.Host}/fw/app:v1", Platform.LinuxAmd64, CancellationToken.None);
        var bogus = image.Layers[0] with { Digest = Digest.Sha256("not a layer"u8) };
        var error = await Assert.ThrowsAsync<OciException>(() => Source.OpenBlobAsync(image, bogus, CancellationToken.None));
        Assert.Equal(OciError.NotFound, error.Error);
        Assert.Contains(bogus.Digest.ToString(), error.Message, StringComparison.Ordinal);
    }
}
