using System.Buffers;
using System.Text;
using Firmware.Device.Config;
using Firmware.Device.Fleet;
using Firmware.Device.Slots;
using Firmware.Device.Tests.Simulation;
using Firmware.Fleet;
using Firmware.Fleet.Payloads;
using Firmware.Fuzz;

namespace Firmware.Device.Tests.Fleet;

/// <summary>The agent's fleet connection against a real Mosquitto, with a small controller double.</summary>
[Trait("Category", "Integration")]
public sealed class FleetConnectionTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ScratchDirectory _scratch = new();
    private readonly MosquittoProcess _broker;
    private readonly FleetOutbox _outbox;
    private readonly CancellationTokenSource _stop = new();

    public FleetConnectionTests()
    {
        _broker = MosquittoProcess.Anonymous(_scratch.Path);
        _outbox = new FleetOutbox(_scratch.Of("outbox.db"));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _broker.Dispose();
        _scratch.Dispose();
    }

    private FleetConnection Device(string id = "dev-1") => new(
        new BrokerConfig { Url = _broker.Url.ToString(), Host = _broker.Url.Host, Port = _broker.Url.Port, UseTls = false },
        new FleetIdentity { DeviceId = id, Board = "fuzz-board", Compatible = FuzzKeys.Board, Version = "1.0.0", Slot = SlotName.A, BootCount = 2, Agent = "0.1.0", Tags = ["site=lab"] },
        new FleetTopics(),
        _outbox,
        TimeProvider.System,
        new ReconnectBackoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(400)));

    private static Task Until(Func<bool> condition, string what) => Eventually.Until(condition, what, Timeout);

    [Fact]
    public async Task Birth_is_retained_and_the_will_says_offline_when_the_agent_dies()
    {
        var device = Device();
        _ = device.RunAsync(_stop.Token);
        await Until(() => device.Connections == 1, "the connection");

        // A controller that comes later still gets the birth: it is retained.
        using var controller = new ControllerDouble();
        await controller.ConnectAsync(_broker.Url, CancellationToken.None);
        var birth = await controller.NextAsync(FleetTopicKind.State, Timeout);
        Assert.True(birth.Retain);
        var state = DeviceState.Parse(birth.Payload.ToArray());
        Assert.Equal(DeviceStatus.Online, state.State);
        Assert.Equal("dev-1", state.Id);
        Assert.Equal("A", state.Slot);
        Assert.Equal(2, state.BootCount);

        // The agent dies: the socket closes without DISCONNECT, and the broker publishes the will.
        await _stop.CancelAsync();
        device.Dispose();
        var will = await controller.NextAsync(FleetTopicKind.State, Timeout);
        Assert.Equal(DeviceStatus.Offline, DeviceState.Parse(will.Payload.ToArray()).State);

        using var later = new ControllerDouble();
        await later.ConnectAsync(_broker.Url, CancellationToken.None);
        var retained = await later.NextAsync(FleetTopicKind.State, Timeout);
        Assert.True(retained.Retain);
        Assert.Equal("""{"schema":1,"id":"dev-1","state":"offline"}""", Encoding.UTF8.GetString(retained.Payload.ToArray()));
    }

    [Fact]
    public async Task Progress_is_kept_while_the_broker_is_down_and_sent_after_the_reconnect()
    {
        using var device = Device();
        _ = device.RunAsync(_stop.Token);
        await Until(() => device.Connections == 1, "the connection");

        _broker.Stop();
        await Until(() => !device.IsConnected, "the disconnect");
        var report = new ProgressReport { JobId = "job-1", Seq = 7, State = ProgressState.Downloading, ChunksDone = 3, ChunksTotal = 10 };
        await device.ReportAsync(report, CancellationToken.None);
        Assert.Equal(1, _outbox.Count);

        // The report leaves the outbox only on Mosquitto's PUBACK, so an empty outbox is the broker's
        // own word that it took the report. (A controller subscribing after the restart could miss
        // the publish, which is not retained: the device may reconnect first.)
        _broker.Start();
        await Until(() => _outbox.Count == 0, "the PUBACK to empty the outbox");
        Assert.True(device.Connections >= 2);
    }

    [Fact]
    public async Task A_download_resumes_across_a_broker_restart_without_accepting_a_chunk_twice()
    {
        var pieces = new BundlePieces(TestBundles.Bundle(TestBundles.Image(60_000, 3)));
        using var device = Device();
        using var download = new ChunkDownload(_scratch.Of("job-1"), pieces.Job, () => FuzzKeys.Policy, TimeProvider.System,
            new ChunkDownloadOptions { Window = 4, RequestTimeout = TimeSpan.FromSeconds(1), Tick = TimeSpan.FromMilliseconds(100) });
        var verdicts = new List<ChunkVerdict>();
        device.ChunkReceived = message =>
        {
            lock (verdicts)
            {
                verdicts.Add(download.Accept(message));
            }
        };
        _ = device.RunAsync(_stop.Token);
        await Until(() => device.Connections == 1, "the connection");

        var controller = new ControllerDouble(pieces) { ResponseDelay = TimeSpan.FromMilliseconds(15) };
        await controller.ConnectAsync(_broker.Url, CancellationToken.None);
        var run = download.RunAsync(device, _stop.Token);
        await Until(() => download.ChunksDone >= 5, "the first chunks");

        _broker.Stop();
        controller.Dispose();
        Assert.False(download.Complete);
        _broker.Start();
        using var restarted = new ControllerDouble(pieces);
        await restarted.ConnectAsync(_broker.Url, CancellationToken.None);
        await run.WaitAsync(Timeout);

        Assert.True(device.Connections >= 2);
        Assert.Equal(pieces.Chunks.Count + 1, download.Accepted);
        lock (verdicts)
        {
            Assert.Equal(pieces.Chunks.Count + 1, verdicts.Count(v => v == ChunkVerdict.Accepted));
            Assert.DoesNotContain(ChunkVerdict.Refused, verdicts);
        }

        await using var file = File.OpenRead(download.BundlePath);
        Assert.NotNull(await Firmware.Bundles.BundleVerification.VerifyAsync(file, FuzzKeys.Policy));
    }

    [Fact]
    public void The_outbox_survives_a_restart()
    {
        var path = _scratch.Of("restart.db");
        var outbox = new FleetOutbox(path);
        outbox.Add("fw/v1/devices/d/progress", [1, 2, 3]);
        outbox.Add("fw/v1/devices/d/progress", [4]);

        var reopened = new FleetOutbox(path);
        var pending = reopened.Peek(10);
        Assert.Equal([[1, 2, 3], [4]], pending.Select(p => p.Payload));
        reopened.Remove(pending[0].Sequence);
        Assert.Equal(1, reopened.Count);
    }
}
