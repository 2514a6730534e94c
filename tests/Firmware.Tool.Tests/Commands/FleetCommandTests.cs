namespace Firmware.Tool.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class FleetCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Acl_writes_mosquitto_s_files_and_mosquitto_passwd_accepts_the_password_file()
    {
        Fixture.Expect(0, _cli.Fwtool("fleet", "acl", "--devices", "3", "--out", "fleet", "--prefix", "site"));
        Assert.Contains("pattern read site/v1/devices/%u/job", File.ReadAllText(_cli.PathOf("fleet/acl")), StringComparison.Ordinal);
        Assert.True(File.Exists(_cli.PathOf("fleet/devices/device-0003/client.key")));

        // mosquitto_passwd rewrites the file it reads; it must keep our entries and add its own.
        File.Copy(_cli.PathOf("fleet/passwd"), _cli.PathOf("passwd"));
        Fixture.Expect(0, _cli.Peer("mosquitto_passwd", "-b", "passwd", "extra", "secret"));
        var lines = File.ReadAllLines(_cli.PathOf("passwd"));
        Assert.Equal(5, lines.Length);
        Assert.Equal(File.ReadAllLines(_cli.PathOf("fleet/passwd")), lines.Take(4));
    }

    [Fact]
    public void A_bad_device_list_names_its_line_and_writes_nothing()
    {
        File.WriteAllText(_cli.PathOf("devices.txt"), "dev-1\ndev 2\n");
        var result = _cli.Fwtool("fleet", "acl", "--device-list", "devices.txt", "--out", "fleet");
        Assert.Equal(25, result.ExitCode);
        Assert.Contains("devices.txt:2:", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.PathOf("fleet")));
    }

    [Fact]
    public void An_existing_directory_is_never_overwritten()
    {
        Directory.CreateDirectory(_cli.PathOf("fleet"));
        Assert.Equal(3, _cli.Fwtool("fleet", "acl", "--devices", "1", "--out", "fleet").ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(_cli.PathOf("fleet")));
    }

    [Theory]
    [InlineData("--devices", "0")]
    [InlineData("--listen", "nowhere")]
    [InlineData("--prefix", "fw/#")]
    public void Bad_arguments_exit_2_and_write_nothing(string option, string value)
    {
        var args = option == "--devices" ? new[] { "fleet", "acl", "--out", "fleet", option, value } : ["fleet", "acl", "--devices", "1", "--out", "fleet", option, value];
        var result = _cli.Fwtool(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.PathOf("fleet")));
    }

    public void Dispose() => _cli.Dispose();
}
