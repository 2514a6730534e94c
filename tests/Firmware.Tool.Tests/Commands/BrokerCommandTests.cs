namespace Firmware.Tool.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class BrokerCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Without_passwords_or_anonymous_access_no_one_could_connect()
    {
        var result = _cli.Fwtool("broker");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--passwords", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--listen", "localhost:1883")]
    [InlineData("--listen", "[::1]:1883")]
    [InlineData("--prefix", "fw/+")]
    [InlineData("--controller", "a/b")]
    [InlineData("--tls-cert", "server.crt")]
    public void Bad_arguments_exit_2(string option, string value) =>
        Assert.Equal(2, _cli.Fwtool("broker", "--allow-anonymous", option, value).ExitCode);

    [Fact]
    public void IPv6_pairs_only_with_loopback_or_any() =>
        Assert.Equal(2, _cli.Fwtool("broker", "--allow-anonymous", "--listen", "10.0.0.1:1883", "--ipv6").ExitCode);

    [Fact]
    public void A_malformed_password_file_names_file_and_line()
    {
        File.WriteAllText(_cli.PathOf("passwd"), "dev1:$6$plain$sha512\n");
        var result = _cli.Fwtool("broker", "--passwords", "passwd");
        Assert.Equal(25, result.ExitCode);
        Assert.Contains("passwd:1: dev1: not a $7$", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
