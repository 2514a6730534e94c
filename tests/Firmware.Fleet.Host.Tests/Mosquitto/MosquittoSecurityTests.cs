using System.Net;
using System.Security.Cryptography.X509Certificates;
using Firmware.Fleet.Host.Access;
using Firmware.Fleet.Host.Provisioning;
using MQTTnet;

namespace Firmware.Fleet.Host.Tests.Mosquitto;

// Real Mosquitto (Debian's package) on 127.0.0.1, TLS, with the password, ACL and configuration
// files that fwtool fleet acl writes; MQTTnet clients play devices A and B and the controller.
[Trait("Category", "Integration")]
public sealed class MosquittoSecurityTests : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ScratchDirectory _scratch = new();
    private readonly string _dir;
    private readonly int _port = LoopbackPort.Free();
    private readonly MosquittoProcess _broker;

    public MosquittoSecurityTests()
    {
        _dir = _scratch.Of("fleet");
        var policy = new AccessPolicy("fw", ["controller"]);
        var plan = FleetCredentials.Plan(["dev-a", "dev-b"], policy, _dir, new IPEndPoint(IPAddress.Loopback, _port), DateTimeOffset.UtcNow);
        FleetCredentials.WriteAsync(plan, _dir).GetAwaiter().GetResult();
        if (Environment.UserName == "root")
        {
            // Started as root, mosquitto drops to its own user before it reads the password file:
            // the broker's files belong to that user, as on a site (docs/fleet.md).
            var chown = ProcessRunner.Run("chown", ["-R", "mosquitto:mosquitto", _dir], _scratch.Path);
            Assert.True(chown.ExitCode == 0, chown.ToString());
            File.SetUnixFileMode(_scratch.Path, File.GetUnixFileMode(_scratch.Path) | UnixFileMode.OtherExecute);
        }

        _broker = new MosquittoProcess(Path.Combine(_dir, "mosquitto.conf"), _port);
    }

    private string Password(string user, string folder = "devices") => File.ReadAllText(Path.Combine(_dir, folder, user, "password")).Trim();

    private MqttClientTlsOptions Tls(string? user, string folder = "devices")
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_dir, "tls", "ca.crt"));
        var builder = new MqttClientTlsOptionsBuilder().UseTls()
            .WithCertificateValidationHandler(context =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(context.Certificate));
            });
        if (user is not null)
        {
            var client = X509Certificate2.CreateFromPemFile(Path.Combine(_dir, folder, user, "client.crt"), Path.Combine(_dir, folder, user, "client.key"));
            builder.WithClientCertificates([X509CertificateLoader.LoadPkcs12(client.Export(X509ContentType.Pkcs12), null)]);
        }

        return builder.Build();
    }

    private async Task<(MqttProbe Probe, MqttClientConnectResultCode Code)> ConnectAsync(string? user, string? password, string? certificateOf, string folder = "devices") =>
        await MqttProbe.ConnectAsync("127.0.0.1", _port, user, password, tls: Tls(certificateOf, folder));

    private async Task<MqttProbe> ConnectedAsync(string user, string folder = "devices")
    {
        var (probe, code) = await ConnectAsync(user, Password(user, folder), user, folder);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        return probe;
    }

    [Fact]
    public async Task Devices_and_the_controller_use_their_own_topics()
    {
        await using var controller = await ConnectedAsync("controller", "controllers");
        await controller.SubscribeAsync("fw/v1/devices/+/state");
        Assert.True(await controller.PublishedAsync("fw/v1/devices/dev-a/job", "job for a", retain: true));
        await using var a = await ConnectedAsync("dev-a");
        await a.SubscribeAsync("fw/v1/devices/dev-a/job");
        Assert.Equal("job for a", (await a.NextAsync(Wait))?.ConvertPayloadToString());
        Assert.True(await a.PublishedAsync("fw/v1/devices/dev-a/state", "online"));
        Assert.Equal("fw/v1/devices/dev-a/state", (await controller.NextAsync(Wait))?.Topic);
    }

    [Fact]
    public async Task Device_A_cannot_publish_to_B_s_topics()
    {
        await using var controller = await ConnectedAsync("controller", "controllers");
        await controller.SubscribeAsync("fw/v1/devices/#");
        await using var b = await ConnectedAsync("dev-b");
        await b.SubscribeAsync("fw/v1/devices/dev-b/job");
        await b.SubscribeAsync("fw/v1/devices/dev-b/chunks/res");
        await using var a = await ConnectedAsync("dev-a");
        foreach (var topic in new[] { "fw/v1/devices/dev-b/state", "fw/v1/devices/dev-b/telemetry", "fw/v1/devices/dev-b/progress", "fw/v1/devices/dev-b/chunks/req", "fw/v1/devices/dev-b/job", "fw/v1/devices/dev-b/chunks/res" })
        {
            await a.PublishAsync(topic, "forged");
        }

        Assert.Null(await controller.NextAsync(Quiet));
        Assert.Null(await b.NextAsync(Quiet));
    }

    [Fact]
    public async Task Device_A_cannot_read_B_s_job_or_chunks()
    {
        await using var controller = await ConnectedAsync("controller", "controllers");
        Assert.True(await controller.PublishedAsync("fw/v1/devices/dev-b/job", "job for b", retain: true));
        await using var a = await ConnectedAsync("dev-a");
        foreach (var filter in new[] { "fw/v1/devices/dev-b/job", "fw/v1/devices/dev-b/chunks/res", "fw/v1/devices/+/job", "fw/v1/devices/+/chunks/res", "#" })
        {
            await a.SubscribeAsync(filter);
        }

        await controller.PublishAsync("fw/v1/devices/dev-b/chunks/res", "chunk for b");
        Assert.Null(await a.NextAsync(Quiet));
    }

    [Fact]
    public async Task Device_A_cannot_connect_with_B_s_credentials()
    {
        // B's username with A's password, A's certificate or B's: refused either way
        // (Mosquitto 2 answers a failed password check with 0x87 Not authorized).
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await ConnectAsync("dev-b", Password("dev-a"), "dev-a")).Code);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await ConnectAsync("dev-b", Password("dev-a"), "dev-b")).Code);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await ConnectAsync("controller", Password("dev-a"), "dev-a")).Code);
    }

    [Fact]
    public async Task An_anonymous_client_gets_nothing()
    {
        // With a valid client certificate but no username: refused.
        var (anonymous, code) = await ConnectAsync(null, null, "dev-a");
        await using var _ = anonymous;
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, code);

        // Without a client certificate the TLS handshake fails, whatever the password.
        var (noCertificate, noCertificateCode) = await ConnectAsync("dev-a", Password("dev-a"), null);
        await using var __ = noCertificate;
        Assert.False(noCertificate.IsConnected);
        Assert.NotEqual(MqttClientConnectResultCode.Success, noCertificateCode);
    }

    public void Dispose()
    {
        _broker.Dispose();
        _scratch.Dispose();
    }
}
