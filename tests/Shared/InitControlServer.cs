using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Firmware.Testing;

/// <summary>
/// Plays the init's control socket (docs/agent.md, "Reboot requests"): a Unix stream socket that
/// reads one line per connection, records it, writes the reply the test chooses (raw bytes, so
/// malformed replies can be tried) and closes. Shared by the agent's tests.
/// </summary>
public sealed class InitControlServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Func<string, string> _reply;
    private readonly Task _accepting;

    public InitControlServer(string path, Func<string, string> reply)
    {
        Path = path;
        _reply = reply;
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(4);
        _accepting = Task.Run(AcceptAsync);
    }

    public string Path { get; }

    /// <summary>Each request line, without its newline, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Dispose();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (connection)
            {
                var line = new StringBuilder();
                var buffer = new byte[1];
                while (await connection.ReceiveAsync(buffer) == 1 && buffer[0] != '\n')
                {
                    line.Append((char)buffer[0]);
                }

                Requests.Enqueue(line.ToString());
                await connection.SendAsync(Encoding.ASCII.GetBytes(_reply(line.ToString())));
                connection.Shutdown(SocketShutdown.Both);
            }
        }
    }
}
