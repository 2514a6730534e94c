using Firmware.Device.Fleet;
using Firmware.Device.Sources;
using Firmware.Device.Tests.Simulation;
using Firmware.Fleet.Payloads;
using Firmware.Fuzz;

namespace Firmware.Device.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class MqttChunkSourceTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Opens_the_assembled_bundle_at_an_offset_and_registers_by_scheme()
    {
        var pieces = new BundlePieces(TestBundles.Bundle(TestBundles.Image(30_000, 5)));
        using var download = new ChunkDownload(_scratch.Of("job-9"), pieces.Job, () => FuzzKeys.Policy, TimeProvider.System);
        var source = new MqttChunkSource("job-9", download, new Answering(pieces, download));
        using var http = new HttpClient();
        var sources = new BundleSources(http);
        sources.Register(MqttChunkSource.Scheme, _ => source);
        Assert.Same(source, sources.Reopen("mqtt:job-9"));
        Assert.True(source.Resumable);
        Assert.Null(source.LocalPath);

        await using var stream = await source.OpenAsync(1000, CancellationToken.None);
        using var rest = new MemoryStream();
        await stream.CopyToAsync(rest);
        Assert.Equal(pieces.Bundle.AsSpan(1000, (int)rest.Length).ToArray(), rest.ToArray());
        Assert.Throws<Firmware.Fleet.FleetException>(() => new MqttChunkSource("a/+", download, new Answering(pieces, download)));
    }

    private sealed class Answering(BundlePieces pieces, ChunkDownload download) : IChunkRequester
    {
        public Task RequestAsync(ChunkRequest request, CancellationToken cancellationToken)
        {
            foreach (var index in request.Want)
            {
                download.Accept(pieces.Message(index));
            }

            return Task.CompletedTask;
        }
    }
}
