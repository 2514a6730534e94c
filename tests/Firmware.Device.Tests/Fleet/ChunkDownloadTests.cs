using Firmware.Device.Fleet;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Updates;
using Firmware.Fleet.Payloads;
using Firmware.Fuzz;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Device.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class ChunkDownloadTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();
    private readonly BundlePieces _pieces = new(TestBundles.Bundle(TestBundles.Image(40_000, 7)));

    public void Dispose() => _scratch.Dispose();

    private ChunkDownload Download(TimeProvider? clock = null) =>
        new(Path.Combine(_scratch.Path, "job-1"), _pieces.Job, () => FuzzKeys.Policy, clock ?? TimeProvider.System);

    [Fact]
    public async Task Assembles_the_bundle_the_engine_verifies()
    {
        Assert.True(_pieces.Chunks.Count > 4);
        using var download = Download();
        var responder = new Responder(_pieces, download);
        await download.RunAsync(responder, CancellationToken.None);
        var assembled = await File.ReadAllBytesAsync(download.BundlePath, CancellationToken.None);
        Assert.Equal(_pieces.Bundle.AsSpan(0, assembled.Length).ToArray(), assembled);
        Assert.All(_pieces.Bundle.Skip(assembled.Length), b => Assert.Equal(0, b));
        await BundleVerificationCheck(download.BundlePath);
        Assert.All(responder.Requests, r => Assert.InRange(r.Want.Count, 1, 8));
        Assert.Equal(-1, responder.Requests[0].Want.Single());
    }

    [Fact]
    public async Task Resumes_from_the_bitmap_and_never_accepts_a_chunk_twice()
    {
        using (var first = Download())
        {
            Assert.True(first.Accept(_pieces.Message(-1)) == ChunkVerdict.Accepted, first.LastRefusal);
            Assert.Equal(ChunkVerdict.Accepted, first.Accept(_pieces.Message(0)));
            Assert.Equal(ChunkVerdict.Accepted, first.Accept(_pieces.Message(2)));
            Assert.Equal(ChunkVerdict.Duplicate, first.Accept(_pieces.Message(2)));
        }

        // A restart: the header and the bitmap come back from the files.
        using var second = Download();
        Assert.Equal(2, second.ChunksDone);
        Assert.Equal(ChunkVerdict.Duplicate, second.Accept(_pieces.Message(0)));
        Assert.Equal(ChunkVerdict.Duplicate, second.Accept(_pieces.Message(-1)));
        var responder = new Responder(_pieces, second);
        await second.RunAsync(responder, CancellationToken.None);
        var asked = responder.Requests.SelectMany(r => r.Want).ToList();
        Assert.DoesNotContain(-1, asked);
        Assert.DoesNotContain(0, asked);
        Assert.DoesNotContain(2, asked);
        Assert.Equal(asked.Count, asked.Distinct().Count());
        Assert.Equal(_pieces.Chunks.Count - 2, second.Accepted);
        await BundleVerificationCheck(second.BundlePath);
    }

    [Fact]
    public void Refuses_what_the_signed_manifest_does_not_vouch_for()
    {
        using var download = Download();
        var chunk = _pieces.Message(1);
        Assert.Equal(ChunkVerdict.Refused, download.Accept(chunk));                       // before the header
        Assert.Equal(ChunkVerdict.Accepted, download.Accept(_pieces.Message(-1)));
        Assert.Equal(ChunkVerdict.Refused, download.Accept(chunk with { Bundle = new string('0', 64) }));
        Assert.Equal(ChunkVerdict.Refused, download.Accept(chunk with { Index = "999999" }));
        Assert.Equal(ChunkVerdict.Refused, download.Accept(chunk with { Index = "x" }));
        Assert.Equal(ChunkVerdict.Refused, download.Accept(chunk with { Sha256 = null }));

        // The right digest property over the wrong bytes: the stored SHA-256 of the manifest decides.
        var other = _pieces.Message(0);
        Assert.Equal(ChunkVerdict.Refused, download.Accept(other with { Index = "1" }));

        // One byte more than the signed stored size.
        var longer = chunk.Payload.ToArray().Append((byte)0).ToArray();
        Assert.Equal(ChunkVerdict.Refused, download.Accept(new ChunkMessage(chunk.Bundle, "1", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(longer)), longer)));
        Assert.Equal(0, download.ChunksDone);
        Assert.Equal(ChunkVerdict.Accepted, download.Accept(chunk));
    }

    [Fact]
    public void A_header_for_another_bundle_is_refused()
    {
        var otherPieces = new BundlePieces(TestBundles.Bundle(TestBundles.Image(10_000, 9), "1.2.0"));
        using var download = Download();
        var header = otherPieces.Message(-1) with { Bundle = _pieces.Id };
        Assert.Equal(ChunkVerdict.Refused, download.Accept(header));
        Assert.False(File.Exists(download.BundlePath));
    }

    [Fact]
    public async Task A_silent_server_stalls_the_download_after_the_documented_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        using var download = Download(clock);
        var silent = new Responder(_pieces, null);
        var run = download.RunAsync(silent, CancellationToken.None);
        for (var second = 0; second < 119 && !run.IsCompleted; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, CancellationToken.None);   // lets the download's loop take its turn
        }

        Assert.False(run.IsCompleted);
        for (var second = 0; second < 5 && !run.IsCompleted; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10, CancellationToken.None);
        }

        var e = await Assert.ThrowsAsync<UpdateException>(() => run);
        Assert.Equal(UpdateError.SourceUnavailable, e.Error);
        Assert.True(e.Transient);

        // The header was asked again after 30 s without an answer.
        Assert.True(silent.Requests.Count(r => r.Want.Contains(-1)) >= 2);
    }

    private static async Task BundleVerificationCheck(string path)
    {
        await using var file = File.OpenRead(path);
        var result = await Firmware.Bundles.BundleVerification.VerifyAsync(file, FuzzKeys.Policy);
        Assert.NotNull(result);
    }

    /// <summary>The controller's side in memory: answers every request at once (or never, without a download).</summary>
    private sealed class Responder(BundlePieces pieces, ChunkDownload? download) : IChunkRequester
    {
        public List<ChunkRequest> Requests { get; } = [];

        public Task RequestAsync(ChunkRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            foreach (var index in request.Want)
            {
                download?.Accept(pieces.Message(index));
            }

            return Task.CompletedTask;
        }
    }
}
