using System.Collections.Concurrent;
using Firmware.Fleet.Payloads;
using Firmware.Fuzz;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Firmware.Fleet.Controller.Tests.Integration;

/// <summary>
/// Each device publishes its reports in order, one after the other, with chunk requests between
/// them as a downloading device does; the controller must take every report in that order. It
/// acknowledges in arrival order, so Mosquitto has no reason to let a newer report overtake an
/// older one: not one report of a device that sent them in order may arrive stale.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProgressOrderTests : IAsyncLifetime, IAsyncDisposable
{
    private const int Devices = 200;
    private const int Reports = 20;
    // The burst waits at the broker for the controller (docs/fleet.md): room for all of it, so nothing is dropped.
    private readonly FleetFixture _fleet = new("max_queued_messages 100000\n");
    private readonly ConcurrentDictionary<string, IMqttClient> _clients = new();

    // xunit 2 ends a test class through IDisposable or IAsyncLifetime, never IAsyncDisposable:
    // IAsyncDisposable only tells the analyzers the fixture is disposed.
    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await _fleet.DisposeAsync();
    }

    [Fact]
    public async Task Reports_sent_in_order_between_chunk_requests_are_all_taken_none_stale()
    {
        var controller = await _fleet.StartControllerAsync();
        var ids = Enumerable.Range(0, Devices).Select(i => $"order-{i:000}").ToArray();
        await Parallel.ForEachAsync(ids, async (id, token) =>
        {
            var client = await ConnectAsync(id);
            await PublishAsync(client, id, FleetTopicKind.State, new DeviceState
            {
                Id = id, State = DeviceStatus.Online, Board = "fuzz", Compatible = FuzzKeys.Board, Version = "1.0.0", Slot = "A", BootCount = 1, Agent = "test", Tags = [], Since = DateTimeOffset.UtcNow,
            }.ToJson(), retain: true);
        });
        await _fleet.KnowsAsync(ids);
        var rollout = await _fleet.StartRolloutAsync("100%");
        var job = $"{rollout.Id}-install";
        var received = controller.Counters[ControllerCounter.MessagesReceived];

        // Every device at once, as a wave does: request, report, request, report... each publish awaited.
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Devices }, async (id, token) =>
        {
            var client = _clients[id];
            for (var seq = 1; seq <= Reports; seq++)
            {
                await PublishAsync(client, id, FleetTopicKind.ChunkRequest, new ChunkRequest { JobId = job, Bundle = new string('0', 64), Want = [seq] }.ToJson(), retain: false);
                await PublishAsync(client, id, FleetTopicKind.Progress, new ProgressReport
                {
                    JobId = job, Seq = seq, State = seq == 1 ? ProgressState.Accepted : ProgressState.Downloading, ChunksDone = seq, ChunksTotal = 100,
                }.ToJson(), retain: false);
            }
        });

        await _fleet.Until(
            () => Task.FromResult(controller.Counters[ControllerCounter.MessagesReceived] >= received + (2 * Devices * Reports)),
            "every request and report reached the controller");
        var view = await _fleet.Client!.RolloutAsync(rollout.Id, CancellationToken.None);
        Assert.Equal(0, controller.Counters[ControllerCounter.StaleProgress]);
        Assert.All(view.Jobs, j => Assert.Equal(Reports, j.ChunksDone));
    }

    private async Task<IMqttClient> ConnectAsync(string id)
    {
        var client = _clients[id] = new MqttClientFactory().CreateMqttClient();

        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _fleet.Broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId(id).Build());
        return client;
    }

    private static async Task PublishAsync(IMqttClient client, string id, FleetTopicKind kind, byte[] payload, bool retain)
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(new FleetTopics().For(id, kind)).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());
        Assert.True(result.IsSuccess, $"{id} {kind}: {result.ReasonCode}");
    }
}
