using System.Net.Sockets;
using System.Text;
using Firmware.Image.Build.Qemu;

namespace Firmware.Image.Build.Tests.Qemu;

/// <summary>The QMP client against a scripted QMP server on a Unix socket: what it sends, and what it makes of the replies.</summary>
[Trait("Category", "Unit")]
public sealed class QmpClientTests
{
    private const string Greeting = """{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}}, "capabilities": ["oob"]}}""";
    private static readonly string[] Capabilities = ["""{"return": {}}"""];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    // Serves one connection: the greeting, then for each line received the next scripted reply lines; returns the lines received.
    private static async Task<List<string>> ServeAsync(Socket listener, params string[][] replies)
    {
        using var peer = await listener.AcceptAsync();
        await using var stream = new NetworkStream(peer);
        using var reader = new StreamReader(stream);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync(Greeting);
        var received = new List<string>();
        foreach (var reply in replies)
        {
            received.Add(await reader.ReadLineAsync() ?? "(closed)");
            foreach (var line in reply)
            {
                await writer.WriteLineAsync(line);
            }
        }

        return received;
    }

    private static Socket Listen(string path)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        return listener;
    }

    [Fact]
    public async Task Powerdown_negotiates_capabilities_first_and_skips_events_before_the_reply()
    {
        using var scratch = new ScratchDirectory();
        using var listener = Listen(scratch.Of("qmp"));
        var server = ServeAsync(listener, Capabilities,
            ["""{"timestamp": {"seconds": 1, "microseconds": 2}, "event": "POWERDOWN"}""", """{"return": {}}"""]);
        using var timeout = new CancellationTokenSource(Timeout);
        await using (var client = await QmpClient.ConnectAsync(scratch.Of("qmp"), timeout.Token))
        {
            await client.ExecuteAsync("system_powerdown", timeout.Token);
        }

        Assert.Equal(["""{"execute":"qmp_capabilities"}""", """{"execute":"system_powerdown"}"""], await server);
    }

    [Fact]
    public async Task An_error_reply_names_the_command_and_QEMUs_description()
    {
        using var scratch = new ScratchDirectory();
        using var listener = Listen(scratch.Of("qmp"));
        var server = ServeAsync(listener, Capabilities,
            ["""{"error": {"class": "CommandNotFound", "desc": "The command system_powerdown has not been found"}}"""]);
        using var timeout = new CancellationTokenSource(Timeout);
        await using var client = await QmpClient.ConnectAsync(scratch.Of("qmp"), timeout.Token);
        var e = await Assert.ThrowsAsync<IOException>(() => client.ExecuteAsync("system_powerdown", timeout.Token));
        Assert.Equal("QMP system_powerdown: The command system_powerdown has not been found", e.Message);
        await server;
    }

    [Fact]
    public async Task A_peer_without_the_QMP_greeting_is_refused()
    {
        using var scratch = new ScratchDirectory();
        using var listener = Listen(scratch.Of("qmp"));
        var server = Task.Run(async () =>
        {
            using var peer = await listener.AcceptAsync();
            await peer.SendAsync(Encoding.UTF8.GetBytes("SSH-2.0-OpenSSH_9.2\r\n"));
        });
        using var timeout = new CancellationTokenSource(Timeout);
        var e = await Assert.ThrowsAsync<IOException>(() => QmpClient.ConnectAsync(scratch.Of("qmp"), timeout.Token));
        Assert.StartsWith("QMP: not JSON: SSH-2.0", e.Message, StringComparison.Ordinal);
        await server;
    }

    [Fact]
    public async Task Nothing_listening_is_a_socket_error()
    {
        using var scratch = new ScratchDirectory();
        using var timeout = new CancellationTokenSource(Timeout);
        await Assert.ThrowsAsync<SocketException>(() => QmpClient.ConnectAsync(scratch.Of("qmp"), timeout.Token));
    }
}
