using Firmware.Fleet.Host.Access;
using Firmware.Fleet.Host.Credentials;
using MQTTnet.Protocol;

namespace Firmware.Fleet.Host.Broker;

/// <summary>
/// Decides whether a client may connect: MQTT 5 only, a username that is a device id (or a
/// controller's name), the password when a password file is in force, a client id equal to the
/// username (so no client can take over another's persistent session and its queued jobs). A will
/// message is a publish when it fires, so the publish rule confines it like any other.
/// </summary>
internal sealed class ConnectionGate
{
    private readonly PasswordFile? _passwords;
    private readonly bool _allowAnonymous;
    private readonly AccessPolicy _policy;

    public ConnectionGate(PasswordFile? passwords, bool allowAnonymous, AccessPolicy policy)
    {
        _passwords = passwords;
        _allowAnonymous = allowAnonymous;
        _policy = policy;
    }

    /// <summary>The reason to refuse the connection and why, or null to admit it.</summary>
    public (MqttConnectReasonCode Code, string Why)? Check(string? clientId, string? username, string? password, bool mqtt5)
    {
        if (!mqtt5)
        {
            return (MqttConnectReasonCode.UnsupportedProtocolVersion, "the fleet protocol is MQTT 5 only");
        }

        if (string.IsNullOrEmpty(username))
        {
            return (MqttConnectReasonCode.NotAuthorized, "no username: the username names the device");
        }

        if (!FleetNames.IsDeviceId(username))
        {
            return (MqttConnectReasonCode.BadUserNameOrPassword, "the username is not a device id");
        }

        if (!_allowAnonymous && (_passwords is null || !_passwords.Verify(username, password)))
        {
            return (MqttConnectReasonCode.BadUserNameOrPassword, "unknown username or wrong password");
        }

        if (clientId != username && !(_policy.Controllers.Contains(username) && clientId?.StartsWith(username + ":", StringComparison.Ordinal) == true))
        {
            return (MqttConnectReasonCode.ClientIdentifierNotValid, "the client id must equal the username (a controller may add ':SUFFIX')");
        }

        return null;
    }
}
