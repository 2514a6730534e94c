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
        return builder.Build();
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
