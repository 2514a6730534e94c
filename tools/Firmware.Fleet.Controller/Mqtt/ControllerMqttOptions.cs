using Firmware.Device.Config;
using Firmware.Device.Fleet;
using MQTTnet;
using MQTTnet.Formatter;

namespace Firmware.Fleet.Controller.Mqtt;

/// <summary>
/// The controller's MQTT 5 connection options: client id = username (the embedded broker and
/// Mosquitto's <c>use_username_as_clientid</c> both expect it), Clean Start 0 with a one-day
/// session, so the broker queues device progress while the controller restarts. Address,
/// password and TLS as every fleet client takes them (<see cref="MqttOptionsFactory.WithBroker"/>).
/// </summary>
internal static class ControllerMqttOptions
{
    /// <summary>The controller's default username (docs/fleet.md).</summary>
    public const string DefaultUser = "controller";

    public static MqttClientOptions Create(BrokerConfig broker)
    {
        var withUser = broker with { Username = broker.Username ?? DefaultUser };
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(withUser.Username)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(MqttOptionsFactory.SessionExpiry)
            .WithKeepAlivePeriod(MqttOptionsFactory.KeepAlive)
            .WithTimeout(TimeSpan.FromSeconds(15));
        return MqttOptionsFactory.Build(MqttOptionsFactory.WithBroker(builder, withUser));
    }
}
