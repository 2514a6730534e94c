using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Firmware.Fleet;
using Firmware.Fleet.Payloads;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Firmware.Device.Tests.Fleet;

/// <summary>
/// The controller's side of the protocol, as small as the tests need: a real MQTT 5 client that
/// answers chunk requests from a bundle and records what devices publish.
/// </summary>
internal sealed class ControllerDouble : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly FleetTopics _topics = new();
    private readonly BundlePieces? _pieces;

    public ControllerDouble(BundlePieces? pieces = null)
    {
        _pieces = pieces;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public Channel<MqttApplicationMessage> Received { get; } = Channel.CreateUnbounded<MqttApplicationMessage>();

    public int ChunksServed { get; private set; }

    public TimeSpan ResponseDelay { get; init; }

    /// <summary>Every index asked for, in the order the requests arrived.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<int> Requested { get; } = new();

    /// <summary>Chunk indices whose first answer is damaged (one byte flipped, with a matching transport digest): only the signed digest can catch it.</summary>
    public HashSet<int> TamperOnce { get; init; } = [];

    /// <summary>Publishes <paramref name="job"/> retained on the device's <c>job</c> topic, as the controller does.</summary>
    public Task PublishJobAsync(string deviceId, JobDocument job) => PublishJobAsync(deviceId, job.ToJson());

    /// <summary>Publishes <paramref name="payload"/> retained on the device's <c>job</c> topic as it is: a controller's malformed job.</summary>
    public async Task PublishJobAsync(string deviceId, byte[] payload)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_topics.For(deviceId, FleetTopicKind.Job))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(true)
            .WithContentType("application/json")
            .Build();
        await _client.PublishAsync(message);
    }

    public async Task ConnectAsync(Uri broker, CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("controller-" + Guid.NewGuid().ToString("N")).Build();
        await _client.ConnectAsync(options, cancellationToken);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var kind in new[] { FleetTopicKind.State, FleetTopicKind.Progress, FleetTopicKind.ChunkRequest, FleetTopicKind.Telemetry })
        {
            subscribe.WithTopicFilter(_topics.AllDevices(kind), MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
    }

    /// <summary>The next message on <paramref name="kind"/> (others are skipped).</summary>
    public async Task<MqttApplicationMessage> NextAsync(FleetTopicKind kind, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var message = await Received.Reader.ReadAsync(cancel.Token);
            if (_topics.TryParse(message.Topic, out var topic) && topic.Kind == kind)
            {
                return message;
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private static ReadOnlyMemory<byte> Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (!_topics.TryParse(message.Topic, out var topic))
        {
            return;
        }

        if (topic.Kind != FleetTopicKind.ChunkRequest || _pieces is null)
        {
            Received.Writer.TryWrite(message);
            return;
        }

        var request = ChunkRequest.Parse(message.Payload.ToArray());
        foreach (var index in request.Want)
        {
            Requested.Enqueue(index);
        }

        // Answer off the receive loop, as a controller would, so requests keep flowing.
        _ = Task.Run(async () =>
        {
            foreach (var index in request.Want)
            {
                await Task.Delay(ResponseDelay);
                var bytes = index < 0 ? _pieces.Header : _pieces.Chunks[index];
                bool tamper;
                lock (TamperOnce)
                {
                    tamper = TamperOnce.Remove(index);
                }

                if (tamper)
                {
                    bytes = [.. bytes];
                    bytes[0] ^= 0xff;
                }

                var response = new MqttApplicationMessageBuilder()
                    .WithTopic(_topics.For(topic.DeviceId, FleetTopicKind.ChunkResponse))
                    .WithPayload(bytes)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithContentType(ChunkProperties.ContentType)
                    .WithUserProperty(ChunkProperties.Bundle, Utf8(_pieces.Id))
                    .WithUserProperty(ChunkProperties.Index, Utf8(index.ToString(CultureInfo.InvariantCulture)))
                    .WithUserProperty(ChunkProperties.Sha256, Utf8(Convert.ToHexStringLower(SHA256.HashData(bytes))))
                    .Build();
                try
                {
                    await _client.PublishAsync(response);
                    ChunksServed++;
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
                {
                    return;   // the broker went away: the device asks again
                }
            }
        });
    }
}
