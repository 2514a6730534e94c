using System.Net.Sockets;
using System.Text;

namespace Firmware.Device.Boot;

/// <summary>
/// Restarts by asking fwinit over its control socket (docs/agent.md, "Reboot requests"), which
/// stops the services in order, syncs and unmounts before reboot(2): what the agent's container,
/// holding no CAP_SYS_BOOT, uses instead of <see cref="LinuxReboot"/>. One request line, one reply
/// line; anything but <c>ok</c> is an <see cref="IOException"/> carrying the init's reason.
/// </summary>
public sealed class InitControlReboot(string socketPath = InitControlReboot.DefaultSocket) : IReboot
{
    /// <summary>Where fwinit listens.</summary>
    public const string DefaultSocket = "/run/fw-init/control";

    private const string TrybootArgument = "0 tryboot";
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The socket's path.</summary>
    public string SocketPath { get; } = socketPath;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="argument"/> is neither null nor "0 tryboot", the only restart argument the init passes on.</exception>
    /// <exception cref="IOException">The init is not reachable or refused the request.</exception>
    public void Restart(string? argument)
    {
        var request = argument switch
        {
            null => "reboot",
            TrybootArgument => "reboot tryboot",
            _ => throw new ArgumentException($"the init passes only \"{TrybootArgument}\" to reboot(2), not \"{argument}\"", nameof(argument)),
        };
        var reply = Send(request);
        if (reply != "ok")
        {
            throw new IOException($"{SocketPath}: the init refused '{request}': {reply}");
        }
    }

    /// <summary>Sends one request line and returns the reply line without its newline.</summary>
    /// <exception cref="IOException">The socket could not be reached, or closed without a reply.</exception>
    public string Send(string request)
    {
        ArgumentException.ThrowIfNullOrEmpty(request);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.ReceiveTimeout = (int)ReplyTimeout.TotalMilliseconds;
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            socket.Send(Encoding.UTF8.GetBytes(request + "\n"));
            using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false), Encoding.UTF8);
            return reader.ReadLine() ?? throw new IOException($"{SocketPath}: the init closed the connection without a reply");
        }
        catch (SocketException e)
        {
            throw new IOException($"{SocketPath}: {e.Message}", e);
        }
    }
}
