using Firmware.Oci.Blobs;
using Firmware.Oci.Model;
using Firmware.Oci.Registry;
using Firmware.Oci.Sources;

namespace Firmware.Oci.Tests.Registry;

/// <summary>Failures no real registry produces on demand, from <see cref="MisbehavingRegistry"/>.</summary>
[Trait("Category", "Integration")]
public sealed class RegistryFailureTests : IAsyncLifetime, IDisposable
{
    private readonly ScratchDirectory _scratch = new();
    private readonly HttpClient _http = new();
    private MisbehavingRegistry _server = null!;

    public async Task InitializeAsync()
    {
        var layout = _scratch.Of("layout");
        var manifest = await TestImages.WriteSingleAsync(layout, "v1", Platform.LinuxAmd64);
        var image = await new OciLayoutSource().ResolveAsync(layout, Platform.LinuxAmd64, CancellationToken.None);
        _server = new MisbehavingRegistry(layout, manifest, image.Layers[0].Digest);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
        _scratch.Dispose();
    }

    // Generous where nothing should time out (the machine may be busy); short where the server goes quiet on purpose.
    private RegistrySource Source => new(_http);

    private RegistrySource Impatient => new(_http, new RegistryOptions { ResponseTimeout = TimeSpan.FromSeconds(1), StallTimeout = TimeSpan.FromSeconds(1) });

    private async Task<OciException> FailAsync(string name, RegistrySource? source = null)
    {
        var error = await Assert.ThrowsAsync<OciException>(() => (source ?? Source).ResolveAsync($"{_server.Host}/{name}:v1", Platform.LinuxAmd64, CancellationToken.None));
        Assert.Contains($"{_server.Host}/{name}", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task AGoodImageBehindRedirectsPullsAndVerifies()
    {
        var source = Source;
        var image = await source.ResolveAsync($"{_server.Host}/good:v1", Platform.LinuxAmd64, CancellationToken.None);
        Assert.Equal("amd64\n", TestImages.FileInLayer(await TestImages.ReadBlobAsync(source, image, image.Layers[0]), "etc/arch"));
    }

    [Fact]
    public async Task AServerErrorNamesTheUrlAndStatus()
    {
        var error = await FailAsync("bad/status");
        Assert.Equal(OciError.RegistryFailed, error.Error);
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Contains("/v2/bad/status/manifests/v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGarbageManifestIsMalformed()
    {
        var error = await FailAsync("bad/garbage");
        Assert.Equal(OciError.MalformedDocument, error.Error);
        Assert.Contains("/v2/bad/garbage/manifests/v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADockerContentDigestThatDoesNotMatchTheBytesIsRejected() =>
        Assert.Equal(OciError.DigestMismatch, (await FailAsync("bad/lying")).Error);

    [Fact]
    public async Task HeadersThatNeverComeTimeOut()
    {
        var error = await FailAsync("bad/silent", Impatient);
        Assert.Equal(OciError.Timeout, error.Error);
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyThatStopsIsAStall()
    {
        var error = await FailAsync("bad/stall", Impatient);
        Assert.Equal(OciError.Timeout, error.Error);
        Assert.Contains("stalled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorruptLayerFailsAndNeverEntersTheCache()
    {
        var cache = new BlobCache(_scratch.Of("cache"));
        var source = new CachingImageSource(Source, cache);
        var image = await source.ResolveAsync($"{_server.Host}/corrupt:v1", Platform.LinuxAmd64, CancellationToken.None);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var error = await Assert.ThrowsAsync<OciException>(() => source.OpenBlobAsync(image, image.Layers[0], CancellationToken.None));
            Assert.Equal(OciError.DigestMismatch, error.Error);
            Assert.Contains(image.Layers[0].Digest.ToString(), error.Message, StringComparison.Ordinal);
            Assert.False(cache.Contains(image.Layers[0]));
            Assert.Empty(Directory.GetFiles(Path.Combine(cache.Root, "tmp")));
            Assert.Equal(attempt, cache.Misses);
        }
    }

    [Fact]
    public async Task AServerThatIsNotARegistryIsSaidToBeNone()
    {
        var error = await Assert.ThrowsAsync<OciException>(() => Source.ResolveAsync("127.0.0.1:1/app:v1", Platform.LinuxAmd64, CancellationToken.None));
        Assert.Equal(OciError.RegistryFailed, error.Error);
        Assert.Contains("http://127.0.0.1:1/v2/", error.Message, StringComparison.Ordinal);
    }
}
