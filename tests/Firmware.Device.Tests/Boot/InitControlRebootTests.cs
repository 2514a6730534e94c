using Firmware.Device.Boot;

namespace Firmware.Device.Tests.Boot;

/// <summary>The agent's client of the init's control socket (docs/agent.md, "Reboot requests"), against a socket server that plays the init.</summary>
[Trait("Category", "Unit")]
public sealed class InitControlRebootTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private InitControlServer Init(string reply) => new(_scratch.Of("control"), _ => reply);

    [Theory]
    [InlineData(null, "reboot")]
    [InlineData("0 tryboot", "reboot tryboot")]
    public void Asks_the_init_with_one_line_and_returns_on_ok(string? argument, string expected)
    {
        using var init = Init("ok\n");
        new InitControlReboot(init.Path, TimeSpan.FromSeconds(10)).Restart(argument);
        Assert.Equal([expected], init.Requests);
    }

    [Fact]
    public void An_error_reply_is_an_IOException_with_the_init_s_reason()
    {
        using var init = Init("error services did not stop\n");
        var error = Assert.Throws<IOException>(() => new InitControlReboot(init.Path).Restart(null));
        Assert.Equal($"{init.Path}: the init refused 'reboot': services did not stop", error.Message);
        Assert.Equal(["reboot"], init.Requests);
    }

    [Theory]
    [InlineData("okay\n", "unexpected reply to 'reboot': 'okay'")]
    [InlineData("ok", "the init closed the connection without a complete reply ('ok')")]
    [InlineData("", "the init closed the connection without a complete reply ('')")]
    public void Anything_but_ok_or_error_is_refused(string reply, string message)
    {
        using var init = Init(reply);
        var error = Assert.Throws<IOException>(() => new InitControlReboot(init.Path).Restart(null));
        Assert.Equal($"{init.Path}: {message}", error.Message);
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
