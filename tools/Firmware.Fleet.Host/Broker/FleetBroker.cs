using System.Net;
using Firmware.Fleet.Host.Access;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Firmware.Fleet.Host.Broker;

/// <summary>
/// The embedded MQTT 5 broker (MQTTnet's server) with the fleet's access rules enforced on every
/// connect, publish and subscribe, as Mosquitto enforces the ACL file generated from the same
/// <see cref="AccessPolicy"/>. MQTTnet has no shared subscriptions, so <c>$share/</c> filters are
/// refused with reason 0x9E, and it drops the oldest message past its per-client queue limit.
/// </summary>
public sealed class FleetBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly BrokerOptions _options;
    private readonly ConnectionGate _gate;

    private FleetBroker(MqttServer server, BrokerOptions options)
    {
        _server = server;
        _options = options;
        _gate = new ConnectionGate(options.Passwords, options.AllowAnonymous, options.Policy);
        _server.ValidatingConnectionAsync += ValidateAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
    }

    /// <summary>The options the broker runs with.</summary>
    public BrokerOptions Options => _options;

    /// <summary>Starts a broker; it listens when this returns.</summary>
    /// <exception cref="ArgumentException">Neither passwords nor anonymous access, or <c>IPv6</c> without a loopback or wildcard address to pair.</exception>
    public static async Task<FleetBroker> StartAsync(BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Passwords is null && !options.AllowAnonymous)
        {
            throw new ArgumentException("no one could connect: give a password file, or allow anonymous access", nameof(options));
        }

        if (options.Endpoint.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{options.Endpoint}: listen on an IPv4 address; IPv6 pairs with it", nameof(options));
        }

        if (options.IPv6 && options.IPv6Address is null)
        {
            throw new ArgumentException($"{options.Endpoint.Address}: IPv6 pairs only with 127.0.0.1 (::1) or 0.0.0.0 (::)", nameof(options));
        }

        var v6 = options.IPv6Address ?? IPAddress.None;
        var builder = new MqttServerOptionsBuilder();
        if (options.Certificate is { } certificate)
        {
            builder.WithoutDefaultEndpoint()
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointPort(options.Endpoint.Port)
                .WithEncryptedEndpointBoundIPAddress(options.Endpoint.Address)
                .WithEncryptedEndpointBoundIPV6Address(v6)
                .WithEncryptionCertificate(certificate)
                .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
        }
        else
        {
            builder.WithDefaultEndpoint()
                .WithDefaultEndpointPort(options.Endpoint.Port)
                .WithDefaultEndpointBoundIPAddress(options.Endpoint.Address)
                .WithDefaultEndpointBoundIPV6Address(v6);
        }

        builder.WithPersistentSessions();
        var server = new MqttServerFactory().CreateMqttServer(builder.Build());
        var broker = new FleetBroker(server, options);
        try
        {
            await server.StartAsync();
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }

        return broker;
    }

    /// <summary>Stops listening and disconnects every client.</summary>
    public async Task StopAsync()
    {
        if (_server.IsStarted)
        {
            await _server.StopAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _server.Dispose();
    }

    private Task ValidateAsync(ValidatingConnectionEventArgs args)
    {
        var refusal = _gate.Check(args.ClientId, args.UserName, args.Password, args.ProtocolVersion == MqttProtocolVersion.V500);
        if (refusal is { } r)
        {
            args.ReasonCode = r.Code;
            _options.Log?.Invoke($"refused connection: client {args.ClientId} user {args.UserName ?? "(none)"} from {args.RemoteEndPoint}: {r.Why}");
        }

        return Task.CompletedTask;
    }

    private Task InterceptPublishAsync(InterceptingPublishEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        if (!_options.Policy.MayPublish(args.UserName, topic))
        {
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            _options.Log?.Invoke($"refused publish: user {args.UserName ?? "(none)"} to {topic}");
        }

        return Task.CompletedTask;
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        if (filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.SharedSubscriptionsNotSupported;
            _options.Log?.Invoke($"refused subscription: user {args.UserName ?? "(none)"} to {filter}: no shared subscriptions on this broker");
        }
        else if (!_options.Policy.MaySubscribe(args.UserName, filter))
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            _options.Log?.Invoke($"refused subscription: user {args.UserName ?? "(none)"} to {filter}");
        }

        return Task.CompletedTask;
    }
}
