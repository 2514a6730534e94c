using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Firmware.Fleet.Host.Tests;

/// <summary>An MQTT 5 client for tests: connects as one user, records what it receives.</summary>
internal sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();

    private MqttProbe(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            _received.Writer.TryWrite(args.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    /// <summary>Connects; returns the probe and the CONNACK reason (the probe is connected only on Success).</summary>
    public static async Task<(MqttProbe Probe, MqttClientConnectResultCode Code)> ConnectAsync(
        string host, int port, string? user, string? password, string? clientId = null,
        MqttClientTlsOptions? tls = null, Action<MqttClientOptionsBuilder>? configure = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var probe = new MqttProbe(client);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId ?? user ?? "probe-" + Guid.NewGuid().ToString("N"))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (user is not null)
        {
            builder.WithCredentials(user, password);
        }

        if (tls is not null)
        {
            builder.WithTlsOptions(tls);
        }

        configure?.Invoke(builder);
        try
        {
            var result = await client.ConnectAsync(builder.Build());
            return (probe, result.ResultCode);
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException e)
        {
            // The refusal's CONNACK rides on the exception; its property name differs across MQTTnet versions.
            var result = e.GetType().GetProperties().Select(p => p.GetValue(e)).OfType<MqttClientConnectResult>().FirstOrDefault();
            return (probe, result?.ResultCode ?? MqttClientConnectResultCode.UnspecifiedError);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // No listener, or the TLS handshake failed: there is no CONNACK to report.
            return (probe, MqttClientConnectResultCode.UnspecifiedError);
        }
    }

    public bool IsConnected => _client.IsConnected;

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return result.Items.Single().ResultCode;
    }

    /// <summary>Publishes at QoS 1; true when the broker accepted it (with or without a subscriber).</summary>
    public async Task<bool> PublishedAsync(string topic, string payload, bool retain = false) =>
        await PublishAsync(topic, payload, retain) is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers;

    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, string payload, bool retain = false)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build();
        var result = await _client.PublishAsync(message);
        return result.ReasonCode;
    }

    /// <summary>The next message within <paramref name="wait"/>, or null.</summary>
    public async Task<MqttApplicationMessage?> NextAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Drops the connection without a DISCONNECT packet, so the broker sends the will.</summary>
    public void Abort() => _client.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
