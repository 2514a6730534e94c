using System.Text;
using Firmware.Fleet.Controller.Api;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Firmware.Fleet.Controller.Tests.Integration;

[Trait("Category", "Malformed")]
public sealed class MalformedMessageTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly FleetFixture _fleet = new();

    // xunit 2 ends a test class through IDisposable or IAsyncLifetime, never IAsyncDisposable:
    // IAsyncDisposable only tells the analyzers the fixture is disposed.
    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public Task DisposeAsync() => _fleet.DisposeAsync().AsTask();

    [Fact]
    public async Task Bad_device_messages_are_logged_counted_and_dropped_and_the_controller_keeps_serving()
    {
        var controller = await _fleet.StartControllerAsync();
        var received = new List<MqttApplicationMessage>();
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add(e.ApplicationMessage);
            }

            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _fleet.Broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId("evil").Build());
        await client.SubscribeAsync("fw/v1/devices/evil/chunks/res", MqttQualityOfServiceLevel.AtLeastOnce);

        var bad = new (string Topic, string Payload)[]
        {
            ("progress", "{not json"),
            ("progress", """{"schema":1,"jobId":"j","seq":1,"state":"exploded","chunksDone":0,"chunksTotal":0}"""),
            ("progress", """{"schema":1,"jobId":"j","seq":1,"state":"accepted","chunksDone":0,"chunksTotal":0,"extra":1}"""),
            ("progress", """{"schema":1,"jobId":"no-such-job","seq":1,"state":"accepted","chunksDone":0,"chunksTotal":0}"""),
            ("telemetry", """{"schema":2,"id":"evil","samples":[{}]}"""),
            ("telemetry", """{"schema":1,"id":"someone-else","samples":[{"time":"2026-01-01T00:00:00Z"}]}"""),
            ("telemetry", "{\"schema\":1,\"id\":\"evil\",\"samples\":[{\"pad\":\"" + new string('x', 300_000) + "\"}]}"),
            ("state", """{"schema":1,"id":"other","state":"offline"}"""),
            ("chunks/req", """{"schema":1,"jobId":"j","bundle":"0000000000000000000000000000000000000000000000000000000000000000","want":[-1,0]}"""),
            ("chunks/req", """{"schema":1,"jobId":"j","bundle":"zz","want":[-1]}"""),
        };
        foreach (var (topic, payload) in bad)
        {
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fw/v1/devices/evil/{topic}").WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        // Nine are dropped (the unknown job and the unknown bundle included); the request for a bundle with no job is refused.
        await _fleet.Until(() => Task.FromResult(controller.Counters[ControllerCounter.MessagesDropped] >= 9 && controller.Counters[ControllerCounter.ChunkRequestsRefused] >= 1), "every bad message was handled");
        Assert.Contains(_fleet.Log, l => l.Contains("dropped fw/v1/devices/evil/progress: MalformedPayload", StringComparison.Ordinal));
        Assert.Contains(_fleet.Log, l => l.Contains("UnsupportedSchema", StringComparison.Ordinal));
        Assert.Contains(_fleet.Log, l => l.Contains("PayloadTooLarge", StringComparison.Ordinal));
        Assert.Contains(_fleet.Log, l => l.Contains("the payload names device 'someone-else'", StringComparison.Ordinal));
        Assert.Contains(_fleet.Log, l => l.Contains("chunks/req from evil ignored: no unfinished job j", StringComparison.Ordinal));

        // Still serving: a good birth from the same client is taken, and no chunk was ever sent.
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("fw/v1/devices/evil/state").WithRetainFlag()
            .WithPayload(Encoding.UTF8.GetBytes($$"""{"schema":1,"id":"evil","state":"online","board":"b","compatible":"c","version":"1","slot":"A","bootCount":0,"agent":"x","tags":[],"since":"{{DateTimeOffset.UtcNow:O}}"}"""))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await _fleet.KnowsAsync("evil");
        Assert.Equal(0, controller.Counters[ControllerCounter.ChunksServed]);
        lock (received)
        {
            Assert.Empty(received);
        }
    }

    [Fact]
    public async Task Garbage_rollout_requests_are_refused_with_the_option_named()
    {
        await _fleet.StartControllerAsync();
        var error = await Assert.ThrowsAsync<ControlException>(() => _fleet.StartRolloutAsync("1,lots"));
        Assert.Equal("usage", error.Error.Kind);
        Assert.Contains("--waves: 'lots'", error.Message, StringComparison.Ordinal);
        var none = await Assert.ThrowsAsync<ControlException>(() => _fleet.StartRolloutAsync("100%"));
        Assert.Contains("no device matches", none.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<ControlException>(() => _fleet.Client!.ActAsync("r000000000000", "pause", CancellationToken.None));
        Assert.Equal("notFound", missing.Error.Kind);
        await using var tampered = new MemoryStream([.. Enumerable.Repeat((byte)'x', 4096)]);
        var bundle = await Assert.ThrowsAsync<ControlException>(() => _fleet.Client!.AddBundleAsync(tampered, CancellationToken.None));
        Assert.Equal("bundle", bundle.Error.Kind);
        Assert.NotNull(bundle.Error.BundleClass);
    }
}
