using System.Net.Sockets;
using System.Text;
using Firmware.Device.Boot;
using Firmware.Init.Control;
using Firmware.Init.Shutdown;

namespace Firmware.Init.Tests.Control;

/// <summary>The control socket over a real Unix socket, with the agent's client as the peer.</summary>
[Trait("Category", "Integration")]
public sealed class ControlServerTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();
    private readonly List<(ControlRequest? Request, PeerCredentials Peer)> _seen = [];
    private readonly ControlServer _server;
    private string _reply = "ok";

    public ControlServerTests() =>
        _server = ControlServer.Start(_scratch.Of("control"), (request, peer) =>
        {
            lock (_seen)
            {
                _seen.Add((request, peer));
            }

            return _reply;
        });

    public void Dispose()
    {
        _server.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public void The_agents_client_asks_for_a_tryboot_and_the_kernel_names_its_uid_and_pid()
    {
        new InitControlReboot(_scratch.Of("control")).Restart("0 tryboot");

        var (request, peer) = Assert.Single(_seen);
        Assert.Equal(RebootKind.RebootTryboot, request!.Shutdown);
        Assert.Equal(0, peer.Uid);
        Assert.Equal(Environment.ProcessId, peer.Pid);
    }

    [Fact]
    public void A_refusal_reaches_the_agent_as_an_error_with_the_reason()
    {
        _reply = "error already shutting down";

        var error = Assert.Throws<IOException>(() => new InitControlReboot(_scratch.Of("control")).Restart(null));

        Assert.EndsWith("the init refused 'reboot': already shutting down", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agent_passes_only_the_tryboot_argument()
    {
        Assert.Equal("argument", Assert.Throws<ArgumentException>(() => new InitControlReboot(_scratch.Of("control")).Restart("1 tryboot")).ParamName);
        Assert.Empty(_seen);
    }

    [Fact]
    public void A_line_ended_by_the_end_of_the_stream_counts_and_an_unknown_one_reaches_the_handler_as_null()
    {
        Assert.Equal("ok", Exchange("poweroff"));
        Assert.Equal("ok", Exchange("bogus\n"));

        Assert.Equal(RebootKind.PowerOff, _seen[0].Request!.Shutdown);
        Assert.Null(_seen[1].Request);
    }

    [Fact]
    public void A_line_longer_than_64_bytes_is_refused_before_the_handler()
    {
        Assert.Equal("error request too long", Exchange(new string('r', 100) + "\n"));
        Assert.Empty(_seen);
    }

    [Fact]
    public void The_socket_file_is_0666_so_refusals_come_with_a_reason()
    {
        Assert.Equal((UnixFileMode)0x1B6, File.GetUnixFileMode(_scratch.Of("control")));
    }

    // Sends the bytes as they are, half-closes, and reads the reply line.
    private string Exchange(string bytes)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(_scratch.Of("control")));
        socket.Send(Encoding.UTF8.GetBytes(bytes));
        socket.Shutdown(SocketShutdown.Send);
        var reply = new List<byte>();
        var buffer = new byte[256];
        for (int read; (read = socket.Receive(buffer)) > 0;)
        {
            reply.AddRange(buffer[..read]);
        }

        return Encoding.UTF8.GetString([.. reply]).TrimEnd('\n');
    }
}
