using System.Globalization;

namespace Firmware.Device.Config;

/// <summary>
/// Parses <c>mqtt://HOST[:PORT]</c> and <c>mqtts://HOST[:PORT]</c>, HOST a name, an IPv4 address
/// or a bracketed IPv6 address (RFC 3986 authority, without user info). Written out rather than
/// through <see cref="Uri"/>, whose parser costs the agent's exe about 100 KB for this one use.
/// </summary>
public static class BrokerUrl
{
    /// <summary>True when <paramref name="url"/> is a broker URL; its scheme (TLS or not), host and port (default 1883 or 8883).</summary>
    public static bool TryParse(string url, out (bool Tls, string Host, int Port) broker)
    {
        broker = default;
        var tls = url.StartsWith("mqtts://", StringComparison.Ordinal);
        if (!tls && !url.StartsWith("mqtt://", StringComparison.Ordinal))
        {
            return false;
        }

        var authority = url.AsSpan(tls ? "mqtts://".Length : "mqtt://".Length).TrimEnd('/');
        string host;
        ReadOnlySpan<char> port;
        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            if (close < 2 || !System.Net.IPAddress.TryParse(authority[1..close], out _))
            {
                return false;
            }

            host = authority[1..close].ToString();
            port = authority[(close + 1)..];
        }
        else
        {
            var colon = authority.IndexOf(':');
            host = (colon < 0 ? authority : authority[..colon]).ToString();
            port = colon < 0 ? default : authority[colon..];
            if (host.Length == 0 || host.Length > 253 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            {
                return false;
            }
        }

        var number = tls ? 8883 : 1883;
        if (!port.IsEmpty && (port[0] != ':' || !int.TryParse(port[1..], NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            return false;
        }

        broker = (tls, host, number);
        return true;
    }
}
