using System.Net.Sockets;

namespace Firmware.Device.Health;

/// <summary>
/// A TCP connect to the broker: proves the network, DNS and the broker's listener, without MQTT
/// credentials (the fleet connection proves those).
/// </summary>
public sealed class TcpBrokerProbe : IBrokerProbe
{
    /// <inheritdoc/>
    public async Task ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        socket.Shutdown(SocketShutdown.Both);
    }
}
