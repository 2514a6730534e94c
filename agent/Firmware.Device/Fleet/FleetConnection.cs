using System.Buffers;
using System.Text.Json;
using Firmware.Device.Config;
using Firmware.Device.Telemetry;
using Firmware.Fleet;
using Firmware.Fleet.Payloads;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Firmware.Device.Fleet;

/// <summary>
/// The agent's MQTT 5 connection to the fleet (docs/protocol.md): keeps it up with back-off and
/// full jitter, publishes the retained birth after every connect (the will says offline),
/// subscribes to its own <c>job</c> and <c>chunks/res</c>, and delivers what must not be lost
/// (progress reports in the <see cref="FleetOutbox"/>) until each PUBACK. It is the chunk
/// download's requester and the telemetry ring's publisher.
/// </summary>
public sealed class FleetConnection : IChunkRequester, ITelemetryPublisher, IDisposable
{
    private const int FlushBatch = 16;

    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private volatile FleetIdentity _identity;
    private readonly FleetTopics _topics;
    private readonly FleetOutbox _outbox;
    private readonly TimeProvider _clock;
    private readonly ReconnectLoop _loop;
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _since;

    /// <summary>Creates the connection (it connects in <see cref="RunAsync"/>).</summary>
    public FleetConnection(BrokerConfig broker, FleetIdentity identity, FleetTopics topics, FleetOutbox outbox, TimeProvider clock, ReconnectBackoff? backoff = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _identity = identity ?? throw new ArgumentNullException(nameof(identity));
        _topics = topics ?? throw new ArgumentNullException(nameof(topics));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = MqttOptionsFactory.Create(broker, identity.DeviceId, topics);
        _loop = new ReconnectLoop(backoff ?? new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)), clock);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += _ =>
        {
            _disconnected.TrySetResult();
            return Task.CompletedTask;
        };
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>Called with each job document received (after strict parsing); the PUBACK goes out when it returns, so persist the job first.</summary>
    public Func<JobDocument, Task>? JobReceived { get; set; }

    /// <summary>
    /// Called with the <c>jobId</c> of a job document that failed strict parsing but whose id is
    /// readable, and why it failed (docs/protocol.md section 2: reported <c>rejected</c>).
    /// </summary>
    public Func<string, FleetException, Task>? JobRejected { get; set; }

    /// <summary>Called with each <c>chunks/res</c> message.</summary>
    public Action<ChunkMessage>? ChunkReceived { get; set; }

    /// <summary>Why the last message received was dropped, for the log.</summary>
    public string? LastDropped { get; private set; }

    /// <summary>True while connected.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Successful connections so far.</summary>
    public int Connections { get; private set; }

    /// <summary>Connects and stays connected until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        _loop.RunAsync(ConnectAsync, token => _disconnected.Task.WaitAsync(token), cancellationToken);

    /// <summary>
    /// Takes what the birth says from now on (a commit changes the installed version) and, when
    /// connected, publishes the retained birth again at once; otherwise the next connect does.
    /// </summary>
    public async Task RepublishAsync(FleetIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.DeviceId != _identity.DeviceId)
        {
            throw new ArgumentException($"The device id cannot change ({_identity.DeviceId} to {identity.DeviceId}).", nameof(identity));
        }

        _identity = identity;
        if (IsConnected)
        {
            await PublishAsync(FleetTopicKind.State, Birth(), retain: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The identity the birth publishes.</summary>
    public FleetIdentity Identity => _identity;

    /// <summary>Queues a progress report durably and sends what is queued if connected; it is re-sent after every reconnect until its PUBACK.</summary>
    public async Task ReportAsync(ProgressReport report, CancellationToken cancellationToken)
    {
        Queue(report);
        if (IsConnected)
        {
            await FlushOutboxAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Queues a progress report durably without sending it: it leaves with the next <see cref="FlushOutboxAsync"/> (every reconnect flushes).</summary>
    public void Queue(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _outbox.Add(_topics.For(_identity.DeviceId, FleetTopicKind.Progress), report.ToJson());
    }

    /// <summary>
    /// Drops the connection as a network fault would (a DISCONNECT with an error reason, so the
    /// broker publishes the will); the reconnect loop then comes back after its jittered back-off.
    /// The fleet simulator's flaky network.
    /// </summary>
    public async Task DropAsync(CancellationToken cancellationToken)
    {
        if (IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes the offline state itself and disconnects normally (a normal DISCONNECT discards the will, MQTT5 §3.14.2.1).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (IsConnected)
        {
            await PublishAsync(FleetTopicKind.State, DeviceState.Offline(_identity.DeviceId).ToJson(), retain: true, cancellationToken).ConfigureAwait(false);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task RequestAsync(ChunkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PublishAsync(FleetTopicKind.ChunkRequest, request.ToJson(), retain: false, cancellationToken);
    }

    /// <summary>Publishes one buffered telemetry sample at QoS 1; throws when not connected or not acknowledged, so the ring keeps it.</summary>
    public async ValueTask PublishAsync(ReadOnlyMemory<byte> sampleJson, CancellationToken cancellationToken)
    {
        using var sample = JsonDocument.Parse(sampleJson);
        var batch = new TelemetryBatch { Id = _identity.DeviceId, Samples = [sample.RootElement] };
        await PublishAsync(FleetTopicKind.Telemetry, batch.ToJson(), retain: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the queued progress reports, oldest first, forgetting each at its PUBACK; stops at the first failure.</summary>
    public async Task FlushOutboxAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (IsConnected && _outbox.Peek(FlushBatch) is { Count: > 0 } pending)
            {
                foreach (var message in pending)
                {
                    await PublishRawAsync(message.Topic, message.Payload, FleetTopicKind.Progress, retain: false, cancellationToken).ConfigureAwait(false);
                    _outbox.Remove(message.Sequence);
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _client.Dispose();
        _flushing.Dispose();
    }

    private async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            return false;
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(_topics.For(_identity.DeviceId, FleetTopicKind.Job), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(_topics.For(_identity.DeviceId, FleetTopicKind.ChunkResponse), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
        _since = _clock.GetUtcNow();
        await PublishAsync(FleetTopicKind.State, Birth(), retain: true, cancellationToken).ConfigureAwait(false);
        Connections++;
        await FlushOutboxAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private byte[] Birth()
    {
        var identity = _identity;
        return new DeviceState
        {
            Id = identity.DeviceId,
            State = DeviceStatus.Online,
            Board = identity.Board,
            Compatible = identity.Compatible,
            Version = identity.Version,
            Slot = identity.Slot.ToString(),
            BootCount = identity.BootCount,
            Agent = identity.Agent,
            Tags = identity.Tags,
            Since = _since,
        }.ToJson();
    }

    private Task PublishAsync(FleetTopicKind kind, byte[] payload, bool retain, CancellationToken cancellationToken) =>
        PublishRawAsync(_topics.For(_identity.DeviceId, kind), payload, kind, retain, cancellationToken);

    private async Task PublishRawAsync(string topic, byte[] payload, FleetTopicKind kind, bool retain, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            throw new InvalidOperationException($"Not connected to the broker: {topic} not sent.");
        }

        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .WithContentType("application/json");
        if (FleetTopics.MessageExpiry(kind) is { } expiry)
        {
            builder.WithMessageExpiryInterval(expiry);
        }

        var result = await _client.PublishAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"The broker refused {topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (!_topics.TryParse(message.Topic, out var topic) || topic.DeviceId != _identity.DeviceId)
        {
            LastDropped = $"{message.Topic}: not a topic of this device";
            return;
        }

        var payload = message.Payload.ToArray();
        switch (topic.Kind)
        {
            case FleetTopicKind.Job when payload.Length > 0:
                await OnJobAsync(payload).ConfigureAwait(false);
                break;
            case FleetTopicKind.ChunkResponse:
                ChunkReceived?.Invoke(new ChunkMessage(Property(message, ChunkProperties.Bundle), Property(message, ChunkProperties.Index), Property(message, ChunkProperties.Sha256), payload));
                break;
            default:
                // An empty retained job: the controller cleared it.
                break;
        }
    }

    private async Task OnJobAsync(byte[] payload)
    {
        JobDocument job;
        try
        {
            job = JobDocument.Parse(payload);
        }
        catch (FleetException e)
        {
            LastDropped = $"job: {e.Message}";
            if (JobDocument.ReadableJobId(payload) is { } jobId && JobRejected is { } rejected)
            {
                await rejected(jobId, e).ConfigureAwait(false);
            }

            return;
        }

        if (JobReceived is { } handler)
        {
            await handler(job).ConfigureAwait(false);
        }
    }

    private static string? Property(MqttApplicationMessage message, string name) =>
        message.UserProperties?.FirstOrDefault(p => p.Name == name)?.ReadValueAsString();
}
