using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Firmware.Device.Fleet;
using Firmware.Fleet.Controller.Api;
using Firmware.Fleet.Controller.Bundles;
using Firmware.Fleet.Controller.Chunks;
using Firmware.Fleet.Controller.Engine;
using Firmware.Fleet.Controller.Mqtt;
using Firmware.Fleet.Controller.Storage;
using MQTTnet;
using MQTTnet.Protocol;

namespace Firmware.Fleet.Controller;

/// <summary>
/// The fleet controller (docs/fleet.md, "The controller"): one MQTT 5 client subscribed to every
/// device's <c>state</c>, <c>telemetry</c>, <c>progress</c> and <c>chunks/req</c>; the
/// <see cref="FleetEngine"/> run from a single loop that takes device messages, ticks and control
/// commands in turn; the <see cref="ChunkServer"/> beside it; /metrics and the control API on
/// loopback. Device messages are acknowledged (PUBACK) only after the engine has stored their
/// effect, so a controller killed at any point gets them again from its persistent session.
/// Start it with <see cref="StartAsync"/>; it is embeddable (tests, <c>fwtool demo</c>).
/// </summary>
public sealed partial class FleetController : IAsyncDisposable
{
    private readonly ControllerOptions _options;
    private readonly FleetTopics _topics;
    private readonly FleetDatabase _database;
    private readonly IMqttClient _client;
    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _acks = Channel.CreateUnbounded<MqttApplicationMessageReceivedEventArgs>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ControlServer? _server;

    private FleetController(ControllerOptions options)
    {
        _options = options;
        _topics = new FleetTopics(options.Prefix);
        Counters = new ControllerCounters();
        Store = new BundleStore(options.StoreDirectory, options.Trust, options.Clock);
        _client = new MqttClientFactory().CreateMqttClient();
        Chunks = new ChunkServer(Store, new Publisher(this), options.Rates, options.Clock, Counters, options.Log);
        _database = new FleetDatabase(options.DatabasePath);
        Engine = new FleetEngine(_database, Store.Loaded, Chunks, options.Clock, options.Health, Counters, options.Log);
    }

    /// <summary>The bundle store.</summary>
    public BundleStore Store { get; }

    /// <summary>The chunk server.</summary>
    public ChunkServer Chunks { get; }

    /// <summary>Counters for /metrics.</summary>
    public ControllerCounters Counters { get; }

    /// <summary>True while connected to the broker.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>The control API's address, when listening.</summary>
    public Uri? ControlUrl => _server?.Url;

    private FleetEngine Engine { get; }

    /// <summary>Opens the database and the store, loads the bundles its rollouts use, starts the API and the broker connection.</summary>
    public static async Task<FleetController> StartAsync(ControllerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var controller = new FleetController(options);
        try
        {
            foreach (var id in controller.Engine.BundleIds)
            {
                if (await controller.Store.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
                {
                    options.Log($"bundle {id} of a rollout is missing from the store: its installs wait");
                }
            }

            if (options.Listen is { } listen)
            {
                controller._server = ControlServer.Start(listen, controller, options.Log);
            }

            controller._client.ApplicationMessageReceivedAsync += controller.OnMessageAsync;
            controller._client.DisconnectedAsync += _ =>
            {
                controller._disconnected.TrySetResult();
                return Task.CompletedTask;
            };
            var token = controller._stopping.Token;
            var loop = new ReconnectLoop(new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)), options.Clock);
            controller._loops.Add(Task.Run(() => controller.WorkAsync(token), CancellationToken.None));
            controller._loops.Add(Task.Run(() => controller.AcknowledgeAsync(token), CancellationToken.None));
            controller._loops.Add(Task.Run(() => loop.RunAsync(controller.ConnectAsync, t => controller._disconnected.Task.WaitAsync(t), token), CancellationToken.None));
            controller._loops.Add(Task.Run(() => controller.TickAsync(token), CancellationToken.None));
            return controller;
        }
        catch
        {
            await controller.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="action"/> on the engine's loop and returns its result.</summary>
    public Task<T> RunAsync<T>(Func<FleetEngine, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.Writer.TryWrite(async () =>
        {
            try
            {
                done.SetResult(await action(Engine).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }))
        {
            done.SetException(new ObjectDisposedException(nameof(FleetController)));
        }

        return done.Task;
    }

    /// <summary>Runs <paramref name="action"/> on the engine's loop and publishes what it returns.</summary>
    public Task<T> RunAsync<T>(Func<FleetEngine, (T Result, IReadOnlyList<Outgoing> Outgoing)> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return RunAsync(async engine =>
        {
            var (result, outgoing) = action(engine);
            await SendAsync(outgoing).ConfigureAwait(false);
            return result;
        });
    }

    /// <summary>Stops: no new work, the loops end, the connection closes (the session stays with the broker).</summary>
    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        _acks.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var loop in _loops)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Cancelled on purpose.
            }
        }

        _server?.Dispose();
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
        }

        _client.Dispose();
        _database.Dispose();
        _stopping.Dispose();
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _options.Log($"error: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.Tick, _options.Clock, cancellationToken).ConfigureAwait(false);
            await RunAsync(engine => (0, engine.Tick())).ConfigureAwait(false);
        }
    }

    private async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = await _client.ConnectAsync(ControllerMqttOptions.Create(_options.Broker), cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            _options.Log($"broker refused the connection: {result.ResultCode} {result.ReasonString}");
            return false;
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var kind in new[] { FleetTopicKind.State, FleetTopicKind.Telemetry, FleetTopicKind.Progress, FleetTopicKind.ChunkRequest })
        {
            subscribe.WithTopicFilter(_topics.AllDevices(kind), MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
        _options.Log($"connected to {_options.Broker.Url}; resending unfinished jobs");
        await RunAsync(engine => (0, engine.Resend())).ConfigureAwait(false);
        return true;
    }

    private async Task SendAsync(IReadOnlyList<Outgoing> outgoing)
    {
        foreach (var message in outgoing)
        {
            var builder = new MqttApplicationMessageBuilder()
                .WithTopic(_topics.For(message.DeviceId, FleetTopicKind.Job))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(true);
            if (message is PublishJob { Job: var job })
            {
                builder.WithPayload(job.ToJson())
                    .WithContentType("application/json")
                    .WithMessageExpiryInterval(FleetTopics.JobExpiry(job.Deadline, _options.Clock.GetUtcNow()));
            }

            if (!_client.IsConnected)
            {
                // Stored already: the next connection resends every unfinished job.
                continue;
            }

            try
            {
                await _client.PublishAsync(builder.Build(), _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _options.Log($"job for {message.DeviceId} not published ({e.Message}); resent after the reconnect");
            }
        }
    }

    private sealed class Publisher(FleetController controller) : IChunkPublisher
    {
        public async Task PublishChunkAsync(string deviceId, string bundleId, int index, byte[] payload, CancellationToken cancellationToken)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(controller._topics.For(deviceId, FleetTopicKind.ChunkResponse))
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType(ChunkProperties.ContentType)
                .WithMessageExpiryInterval(FleetTopics.MessageExpiry(FleetTopicKind.ChunkResponse)!.Value)
                .WithUserProperty(ChunkProperties.Bundle, Encoding.UTF8.GetBytes(bundleId))
                .WithUserProperty(ChunkProperties.Index, Encoding.UTF8.GetBytes(index.ToString(CultureInfo.InvariantCulture)))
                .WithUserProperty(ChunkProperties.Sha256, Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(payload))))
                .Build();
            await controller._client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }
}
