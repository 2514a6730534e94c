using System.Net.Sockets;
using System.Text;

namespace Firmware.Device.Boot;

/// <summary>
/// Asks the init for a reboot over its control socket (docs/agent.md, "Reboot requests"): the agent
/// holds no <c>CAP_SYS_BOOT</c>, so it connects to the Unix stream socket, writes one line
/// (<c>reboot\n</c>, or <c>reboot tryboot\n</c> for the Raspberry Pi's one-shot tryboot) and reads
/// one line back: <c>ok\n</c>, after which the init stops the services and reboots, or
/// <c>error REASON\n</c>.
/// </summary>
public sealed class InitControlReboot : IReboot
{
    /// <summary>Where the init listens, bound into the agent's container.</summary>
    public const string DefaultSocket = "/run/fw-init/control";

    /// <summary>The restart argument tryboot passes (<see cref="Tryboot.TrybootBootControl"/>), which the init's request names "tryboot".</summary>
    public const string TrybootArgument = "0 tryboot";

    private const int MaxReply = 1024;
    private readonly string _socket;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the client of the socket at <paramref name="socket"/>.</summary>
    /// <param name="socket">The control socket's path.</param>
    /// <param name="timeout">How long to wait for the connection and the reply.</param>
    public InitControlReboot(string socket = DefaultSocket, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(socket);
        _socket = socket;
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_timeout, TimeSpan.Zero, nameof(timeout));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The argument is neither null nor <see cref="TrybootArgument"/>: the init knows no other.</exception>
    /// <exception cref="IOException">The init could not be reached, refused, or answered something else.</exception>
    public void Restart(string? argument)
    {
        var request = argument switch
        {
            null => "reboot",
            TrybootArgument => "reboot tryboot",
            _ => throw new ArgumentException($"The init's control socket reboots plainly or with '{TrybootArgument}', not '{argument}'.", nameof(argument)),
        };
        var reply = Send(request);
        if (reply == "ok")
        {
            return;
        }

        throw new IOException(reply.StartsWith("error ", StringComparison.Ordinal)
            ? $"{_socket}: the init refused '{request}': {reply["error ".Length..]}"
            : $"{_socket}: unexpected reply to '{request}': '{reply}'");
    }

    /// <summary>Sends one request line (without its newline) and returns the init's reply line without its newline.</summary>
    /// <exception cref="IOException">The init could not be reached, or did not answer one line in time.</exception>
    public string Send(string request)
    {
        ArgumentException.ThrowIfNullOrEmpty(request);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.SendTimeout = socket.ReceiveTimeout = (int)_timeout.TotalMilliseconds;
            socket.Connect(new UnixDomainSocketEndPoint(_socket));
            socket.Send(Encoding.ASCII.GetBytes(request + "\n"));
            return ReadLine(socket);
        }
        catch (SocketException e)
        {
            throw new IOException($"{_socket}: cannot ask the init for a reboot: {e.Message}", e);
        }
    }

    /// <summary>Reads up to the first newline; the init closes the connection after its one line.</summary>
    private string ReadLine(Socket socket)
    {
        var buffer = new byte[MaxReply];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = socket.Receive(buffer, length, buffer.Length - length, SocketFlags.None);
            if (read == 0)
            {
                throw new IOException($"{_socket}: the init closed the connection without a complete reply ('{Encoding.ASCII.GetString(buffer, 0, length)}')");
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (newline >= 0)
            {
                return Encoding.ASCII.GetString(buffer, 0, newline);
            }
        }

        throw new IOException($"{_socket}: the init's reply is longer than {MaxReply} bytes");
    }
}
