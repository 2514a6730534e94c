using System.Net.Sockets;
using System.Text;
using Firmware.Device.Boot;

namespace Firmware.Device.Tests.Boot;

/// <summary>The agent's client of the init's control socket (docs/agent.md, "Reboot requests"), against a socket server that plays the init.</summary>
[Trait("Category", "Unit")]
public sealed class InitControlRebootTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    /// <summary>Listens on a Unix socket like the init: reads one line, records it, answers <paramref name="reply"/> (raw bytes) and closes.</summary>
    private (string Path, Task<string> Request) Init(string reply)
    {
        var path = _scratch.Of("control");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var request = Task.Run(async () =>
        {
            using (listener)
            {
                using var connection = await listener.AcceptAsync();
                var line = new StringBuilder();
                var buffer = new byte[1];
                while (await connection.ReceiveAsync(buffer) == 1 && buffer[0] != '\n')
                {
                    line.Append((char)buffer[0]);
                }

                await connection.SendAsync(Encoding.ASCII.GetBytes(reply));
                connection.Shutdown(SocketShutdown.Both);
                return line.ToString();
            }
        });
        return (path, request);
    }

    [Theory]
    [InlineData(null, "reboot")]
    [InlineData("0 tryboot", "reboot tryboot")]
    public async Task Asks_the_init_with_one_line_and_returns_on_ok(string? argument, string expected)
    {
        var (path, request) = Init("ok\n");
        new InitControlReboot(path, TimeSpan.FromSeconds(10)).Restart(argument);
        Assert.Equal(expected, await request.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_error_reply_is_an_IOException_with_the_init_s_reason()
    {
        var (path, request) = Init("error services did not stop\n");
        var error = Assert.Throws<IOException>(() => new InitControlReboot(path).Restart(null));
        Assert.Equal($"{path}: the init refused 'reboot': services did not stop", error.Message);
        Assert.Equal("reboot", await request.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData("okay\n", "unexpected reply to 'reboot': 'okay'")]
    [InlineData("ok", "the init closed the connection without a complete reply ('ok')")]
    [InlineData("", "the init closed the connection without a complete reply ('')")]
    public void Anything_but_ok_or_error_is_refused(string reply, string message)
    {
        var (path, _) = Init(reply);
        var error = Assert.Throws<IOException>(() => new InitControlReboot(path).Restart(null));
        Assert.Equal($"{path}: {message}", error.Message);
    }

    [Fact]
    public void No_init_listening_is_an_IOException_naming_the_socket()
    {
        var path = _scratch.Of("absent");
        var error = Assert.Throws<IOException>(() => new InitControlReboot(path).Restart(null));
        Assert.StartsWith($"{path}: cannot ask the init for a reboot: ", error.Message);
    }

    [Fact]
    public void A_restart_argument_the_init_does_not_know_is_refused_before_connecting()
    {
        var error = Assert.Throws<ArgumentException>(() => new InitControlReboot(_scratch.Of("absent")).Restart("recovery"));
        Assert.Equal("argument", error.ParamName);
    }
}
