using System.Runtime.InteropServices;
using System.Net.Sockets;
using System.Text;

namespace Firmware.Init.Control;

/// <summary>
/// The control socket: a Unix stream socket where a client writes one request line and reads one
/// reply line (docs/agent.md, "Reboot requests"). Each connection's peer credentials come from
/// SO_PEERCRED; the handler decides. The socket file is created before any container starts, so a
/// container can bind it (or its directory), and is 0666: the policy is the peer check, so a
/// refused client gets a reason rather than EACCES.
/// </summary>
public sealed class ControlServer : IDisposable
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17; // asm-generic/socket.h, the same on x86-64 and arm64
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly Func<ControlRequest?, PeerCredentials, string> _handler;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;

    private ControlServer(Socket listener, Func<ControlRequest?, PeerCredentials, string> handler)
    {
        _listener = listener;
        _handler = handler;
    }

    /// <summary>
    /// Binds <paramref name="path"/> (replacing a stale socket file) and starts accepting. The
    /// handler gets the parsed request (null for an unknown line) and returns the reply line
    /// without its newline.
    /// </summary>
    public static ControlServer Start(string path, Func<ControlRequest?, PeerCredentials, string> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(handler);
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, (UnixFileMode)0x1B6); // 0666
            listener.Listen(8);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var server = new ControlServer(listener, handler);
        _ = server.AcceptLoopAsync();
        return server;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                // Not tied to Dispose: the reply to a reboot request must still go out after the
                // way down has closed the listener.
                var peer = PeerOf(client);
                using var timeout = new CancellationTokenSource(ReadTimeout);
                var line = await ReadLineAsync(client, timeout.Token).ConfigureAwait(false);
                var reply = line is null ? "error request too long" : _handler(ControlRequest.Parse(line), peer);
                await client.SendAsync(Encoding.UTF8.GetBytes(reply + "\n"), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Send);
                await DrainAsync(client, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A client that vanished or said nothing in time gets nothing.
            }
        }
    }

    private static PeerCredentials PeerOf(Socket client)
    {
        Span<byte> ucred = stackalloc byte[12];
        client.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        return new PeerCredentials(
            MemoryMarshal.Read<int>(ucred),
            MemoryMarshal.Read<int>(ucred[4..]),
            MemoryMarshal.Read<int>(ucred[8..]));
    }

    // The line up to '\n' or the end of the stream; null if it is longer than ControlRequest.MaxLength.
    private static async Task<string?> ReadLineAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[ControlRequest.MaxLength];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
            if (newline >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, newline);
            }

            if (read == 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }

            length += read;
        }

        return null;
    }

    // Closing a Unix socket with unread input resets the connection, and the client would lose the
    // reply: what is left of a request that was too long is read and dropped, a little at most.
    private static async Task DrainAsync(Socket client, CancellationToken cancellationToken)
    {
        var scrap = new byte[ControlRequest.MaxLength];
        for (var total = 0; total < 64 * ControlRequest.MaxLength;)
        {
            var read = await client.ReceiveAsync(scrap, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            total += read;
        }
    }

    /// <summary>Stops accepting; connections already accepted are answered. The socket file is left for the unmount.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }
}
