using Firmware.Device.Sources;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Updates;

namespace Firmware.Device.Tests.Sources;

/// <summary>HTTP sources against a loopback server that serves ranges and drops connections mid-body.</summary>
[Trait("Category", "Unit")]
public sealed class HttpBundleSourceTests : IDisposable
{
    private readonly byte[] _content = TestBundles.Image(300_000, 3);
    private readonly LoopbackBundleServer _server;
    private readonly HttpClient _http = new();

    public HttpBundleSourceTests() => _server = new LoopbackBundleServer(_content);

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_body_dropped_mid_way_is_resumed_with_range_requests()
    {
        _server.Drops.Enqueue(70_000);
        _server.Drops.Enqueue(100_000);
        var source = new HttpBundleSource(_server.Uri, _http);

        using var stream = await source.OpenAsync(0, CancellationToken.None);
        var read = await ReadAllAsync(stream);

        Assert.Equal(_content, read);
        Assert.Equal(3, _server.Ranges.Count);
        Assert.Equal("", _server.Ranges[0]);
        Assert.Equal("bytes=70000-", _server.Ranges[1]);
        Assert.Equal("bytes=170000-", _server.Ranges[2]);
    }

    [Fact]
    public async Task Opening_at_an_offset_asks_for_the_rest()
    {
        var source = new HttpBundleSource(_server.Uri, _http);

        using var stream = await source.OpenAsync(123_456, CancellationToken.None);

        Assert.Equal(_content[123_456..], await ReadAllAsync(stream));
        Assert.Equal(["bytes=123456-"], _server.Ranges);
    }

    [Fact]
    public async Task A_bundle_replaced_on_the_server_is_not_stitched_onto_the_old_one()
    {
        _server.Drops.Enqueue(50_000);
        var source = new HttpBundleSource(_server.Uri, _http);
        using var stream = await source.OpenAsync(0, CancellationToken.None);
        var buffer = new byte[50_000];
        await stream.ReadExactlyAsync(buffer);
        _server.ETag = "\"v2\"";

        var error = await Assert.ThrowsAsync<UpdateException>(() => ReadAllAsync(stream));

        Assert.Equal((UpdateError.BundleChanged, false), (error.Error, error.Transient));
    }

    [Fact]
    public async Task A_server_that_ignores_ranges_cannot_resume()
    {
        _server.IgnoreRanges = true;
        var source = new HttpBundleSource(_server.Uri, _http);

        var error = await Assert.ThrowsAsync<UpdateException>(() => source.OpenAsync(10, CancellationToken.None));

        Assert.Equal(UpdateError.SourceUnavailable, error.Error);
        Assert.Contains("ignores Range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_keeps_dropping_is_a_transient_failure()
    {
        for (var i = 0; i < 10; i++)
        {
            _server.Drops.Enqueue(1000);
        }

        var source = new HttpBundleSource(_server.Uri, _http) { MaxResumes = 3 };
        using var stream = await source.OpenAsync(0, CancellationToken.None);

        var error = await Assert.ThrowsAsync<UpdateException>(() => ReadAllAsync(stream));

        Assert.Equal((UpdateError.SourceUnavailable, true), (error.Error, error.Transient));
    }

    [Fact]
    public async Task A_missing_bundle_is_a_fatal_failure()
    {
        var source = new HttpBundleSource(new Uri(_server.Uri, "/other.fwb"), _http);

        var error = await Assert.ThrowsAsync<UpdateException>(() => source.OpenAsync(0, CancellationToken.None));

        Assert.False(error.Transient);
    }
}
