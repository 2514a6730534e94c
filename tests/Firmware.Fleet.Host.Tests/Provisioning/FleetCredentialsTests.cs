using System.Net;
using System.Security.Cryptography.X509Certificates;
using Firmware.Fleet.Host.Access;
using Firmware.Fleet.Host.Credentials;
using Firmware.Fleet.Host.Provisioning;

namespace Firmware.Fleet.Host.Tests.Provisioning;

[Trait("Category", "Unit")]
public sealed class FleetCredentialsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ScratchDirectory _scratch = new();
    private readonly AccessPolicy _policy = new("fw", ["controller"]);

    private IReadOnlyList<PlannedFile> Plan(params string[] devices) =>
        FleetCredentials.Plan(devices, _policy, _scratch.Of("out"), new IPEndPoint(IPAddress.Loopback, 8883), Now);

    [Fact]
    public void Every_password_verifies_against_the_password_file()
    {
        var plan = Plan("d1", "d2");
        var passwords = PasswordFile.Parse(plan.Single(f => f.Path == "passwd").Content, "passwd");
        Assert.Equal(["controller", "d1", "d2"], passwords.Users);
        foreach (var user in new[] { "d1", "d2" })
        {
            Assert.True(passwords.Verify(user, plan.Single(f => f.Path == $"devices/{user}/password").Content.Trim()));
        }

        Assert.False(passwords.Verify("d1", plan.Single(f => f.Path == "devices/d2/password").Content.Trim()));
    }

    [Fact]
    public void Keys_and_passwords_are_secret_and_certificates_are_not()
    {
        var plan = Plan("d1");
        Assert.All(plan.Where(f => f.Path.EndsWith(".key", StringComparison.Ordinal) || f.Path.EndsWith("password", StringComparison.Ordinal) || f.Path == "passwd"), f => Assert.True(f.Secret, f.Path));
        Assert.All(plan.Where(f => f.Path.EndsWith(".crt", StringComparison.Ordinal) || f.Path is "acl" or "mosquitto.conf"), f => Assert.False(f.Secret, f.Path));
    }

    [Fact]
    public void Client_certificates_chain_to_the_CA_and_name_the_device()
    {
        var plan = Plan("d1");
        using var ca = X509Certificate2.CreateFromPem(plan.Single(f => f.Path == "tls/ca.crt").Content);
        foreach (var (path, name) in new[] { ("devices/d1/client.crt", "CN=d1"), ("tls/server.crt", "CN=localhost") })
        {
            using var certificate = X509Certificate2.CreateFromPem(plan.Single(f => f.Path == path).Content);
            Assert.Equal(name, certificate.Subject);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = Now.UtcDateTime;
            Assert.True(chain.Build(certificate), path);
        }
    }

    [Fact]
    public void The_configuration_names_the_files_by_absolute_path()
    {
        var conf = Plan("d1").Single(f => f.Path == "mosquitto.conf").Content;
        Assert.Contains($"password_file {_scratch.Of("out")}/passwd\n", conf, StringComparison.Ordinal);
        Assert.Contains("allow_anonymous false\n", conf, StringComparison.Ordinal);
        Assert.Contains("listener 8883 127.0.0.1\n", conf, StringComparison.Ordinal);
        Assert.Contains("require_certificate true\n", conf, StringComparison.Ordinal);
        Assert.Contains("max_queued_messages 1000000\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_named_like_a_controller_is_refused() =>
        Assert.Equal("devices", Assert.Throws<ArgumentException>(() => Plan("controller")).ParamName);

    [Fact]
    public async Task The_directory_appears_whole_and_is_never_overwritten()
    {
        var target = _scratch.Of("out");
        await FleetCredentials.WriteAsync(Plan("d1"), target);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(target, "devices", "d1", "client.key")));
        await Assert.ThrowsAsync<IOException>(() => FleetCredentials.WriteAsync(Plan("d2"), target));
        Assert.False(Directory.Exists(Path.Combine(target, "devices", "d2")));
        Assert.Single(Directory.GetFileSystemEntries(_scratch.Path));
    }

    [Theory]
    [InlineData("d1\nd1\n", 2, "listed twice")]
    [InlineData("# fleet\n\nd1\nbad/id\n", 4, "not a device id")]
    [InlineData("# nothing\n", 1, "no devices")]
    public void Device_lists_are_read_strictly(string text, int line, string message)
    {
        var e = Assert.Throws<CredentialFileException>(() => DeviceList.Parse(text, "devices.txt"));
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Dispose();
}
