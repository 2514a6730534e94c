using System.Security.Cryptography.X509Certificates;
using Firmware.Device.Config;
using Firmware.Fleet;
using Firmware.Fleet.Payloads;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Firmware.Device.Fleet;

/// <summary>
/// The agent's MQTT 5 connection options from agent.yml's broker section (docs/protocol.md
/// section 1): client id = username = device id, Clean Start 0 with a one-day session, a 30 s keep
/// alive, the retained offline will on <c>state</c>, and TLS with the configured CA and client
/// certificate, or a username with the password read from its file.
/// </summary>
public static class MqttOptionsFactory
{
    /// <summary>The keep-alive period.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    /// <summary>The session expiry (seconds) so the broker queues QoS 1 messages across a short disconnect.</summary>
    public const uint SessionExpiry = 86_400;

    /// <summary>
    /// The socket send and receive buffer of every fleet connection. MQTTnet sets both to 8 KiB
    /// unless told otherwise, which also turns off Linux's buffer autotuning: a chunk answer of a
    /// few hundred KiB then crawls through an 8 KiB window at the pace of delayed ACKs (measured on
    /// loopback against Mosquitto: 256 KiB messages at 1.9 MiB/s, against 560 MiB/s with 256 KiB
    /// buffers). The kernel caps it at net.core.wmem_max and rmem_max.
    /// </summary>
    public const int SocketBufferSize = 1 << 20;

    /// <summary>Builds the options.</summary>
    public static MqttClientOptions Create(BrokerConfig broker, string deviceId, FleetTopics topics)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(topics);
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(DeviceId.Validate(deviceId))
            .WithCleanStart(false)
            .WithSessionExpiryInterval(SessionExpiry)
            .WithKeepAlivePeriod(KeepAlive)
            .WithTimeout(TimeSpan.FromSeconds(15))
            .WithWillTopic(topics.For(deviceId, FleetTopicKind.State))
            .WithWillPayload(DeviceState.Offline(deviceId).ToJson())
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true);
        WithBroker(builder, broker);
        return Build(builder);
    }

    /// <summary>Builds options made with <see cref="WithBroker"/>, with the fleet's socket buffers (<see cref="SocketBufferSize"/>).</summary>
    public static MqttClientOptions Build(MqttClientOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Build();
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            tcp.BufferSize = SocketBufferSize;
        }

        return options;
    }

    /// <summary>
    /// Applies the broker's address, the username with the password read from its file, and TLS
    /// with the configured CA and client certificate: what every fleet client (device or
    /// controller) takes from a <see cref="BrokerConfig"/>.
    /// </summary>
    public static MqttClientOptionsBuilder WithBroker(MqttClientOptionsBuilder builder, BrokerConfig broker)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(broker);
        builder.WithTcpServer(broker.Host, broker.Port);
        if (broker.Username is not null)
        {
            var password = broker.PasswordFile is null ? "" : File.ReadAllText(broker.PasswordFile).TrimEnd('\r', '\n');
            builder.WithCredentials(broker.Username, password);
        }

        if (broker.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (broker.CaFile is not null)
                {
                    var chain = new X509Certificate2Collection();
                    chain.ImportFromPemFile(broker.CaFile);
                    tls.WithTrustChain(chain);
                }

                if (broker.CertificateFile is not null && broker.KeyFile is not null)
                {
                    tls.WithClientCertificates([X509Certificate2.CreateFromPemFile(broker.CertificateFile, broker.KeyFile)]);
                }
            });
        }

        return builder;
    }
}
