using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Firmware.Fleet.Host.Access;
using Firmware.Fleet.Host.Broker;
using MQTTnet;
using MQTTnet.Protocol;

namespace Firmware.Fleet.Host.Tests.Broker;

// Real MQTTnet clients against the embedded broker on a random loopback port.
[Trait("Category", "Integration")]
public sealed class FleetBrokerTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_device_and_the_controller_exchange_births_and_retained_jobs()
    {
        await using var broker = await BrokerFixture.StartAsync();
        await using var controller = await broker.ConnectedAsync("controller");
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await controller.SubscribeAsync("fw/v1/devices/+/state"));
        Assert.True(await controller.PublishedAsync("fw/v1/devices/dev-a/job", "{\"jobId\":\"j1\"}", retain: true));

        await using var device = await broker.ConnectedAsync("dev-a");
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await device.SubscribeAsync("fw/v1/devices/dev-a/job"));
        var job = await device.NextAsync(Wait);
        Assert.Equal("fw/v1/devices/dev-a/job", job?.Topic);
        Assert.True(job!.Retain);

        Assert.Equal(MqttClientPublishReasonCode.Success, await device.PublishAsync("fw/v1/devices/dev-a/state", "{\"state\":\"online\"}", retain: true));
        Assert.Equal("fw/v1/devices/dev-a/state", (await controller.NextAsync(Wait))?.Topic);
    }

    [Fact]
    public async Task A_device_cannot_publish_to_another_device_s_topics()
    {
        await using var broker = await BrokerFixture.StartAsync();
        await using var controller = await broker.ConnectedAsync("controller");
        await controller.SubscribeAsync("fw/v1/devices/#");
        await using var a = await broker.ConnectedAsync("dev-a");
        foreach (var topic in new[] { "fw/v1/devices/dev-b/state", "fw/v1/devices/dev-b/progress", "fw/v1/devices/dev-a/job", "fw/v1/devices/dev-b/chunks/res", "elsewhere" })
        {
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await a.PublishAsync(topic, "x"));
        }

        Assert.Null(await controller.NextAsync(Quiet));
        Assert.Contains(broker.Log, l => l.Contains("refused publish: user dev-a to fw/v1/devices/dev-b/state", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_device_cannot_read_another_device_s_job_or_chunks()
    {
        await using var broker = await BrokerFixture.StartAsync();
        await using var controller = await broker.ConnectedAsync("controller");
        await controller.PublishAsync("fw/v1/devices/dev-b/job", "job for b", retain: true);
        await using var a = await broker.ConnectedAsync("dev-a");
        foreach (var filter in new[] { "fw/v1/devices/dev-b/job", "fw/v1/devices/dev-b/chunks/res", "fw/v1/devices/+/job", "fw/#", "#" })
        {
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await a.SubscribeAsync(filter));
        }

        await controller.PublishAsync("fw/v1/devices/dev-b/chunks/res", "chunk for b");
        Assert.Null(await a.NextAsync(Quiet));
    }

    [Fact]
    public async Task Wrong_credentials_anonymous_clients_and_borrowed_client_ids_are_refused()
    {
        await using var broker = await BrokerFixture.StartAsync();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await broker.ConnectAsync("dev-b", "password-a")).Code);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await broker.ConnectAsync("dev-c", "password-a")).Code);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await broker.ConnectAsync(null)).Code);
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, (await broker.ConnectAsync("dev-a", clientId: "dev-b")).Code);
        Assert.Equal(MqttClientConnectResultCode.Success, (await broker.ConnectAsync("controller", clientId: "controller:2")).Code);
    }

    [Fact]
    public async Task Shared_subscriptions_are_refused_with_their_own_reason()
    {
        await using var broker = await BrokerFixture.StartAsync();
        await using var controller = await broker.ConnectedAsync("controller");
        Assert.Equal(MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported, await controller.SubscribeAsync("$share/controllers/fw/v1/devices/+/chunks/req"));
    }

    [Fact]
    public async Task A_will_fires_on_the_device_s_own_state_only()
    {
        await using var broker = await BrokerFixture.StartAsync();
        await using var controller = await broker.ConnectedAsync("controller");
        await controller.SubscribeAsync("fw/v1/devices/#");

        var (bad, code) = await broker.ConnectAsync("dev-a", configure: b => b.WithWillTopic("fw/v1/devices/dev-b/state").WithWillPayload("offline").WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        bad.Abort();
        Assert.Null(await controller.NextAsync(TimeSpan.FromSeconds(1)));

        var (good, _) = await broker.ConnectAsync("dev-a", configure: b => b.WithWillTopic("fw/v1/devices/dev-a/state").WithWillPayload("offline").WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        good.Abort();
        Assert.Equal("fw/v1/devices/dev-a/state", (await controller.NextAsync(Wait))?.Topic);
    }

    [Fact]
    public async Task Without_passwords_the_username_still_confines_the_client()
    {
        await using var broker = await BrokerFixture.StartAsync(o => o with { Passwords = null, AllowAnonymous = true });
        var (a, code) = await broker.ConnectAsync("dev-a", "anything");
        await using var _ = a;
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        Assert.True(await a.PublishedAsync("fw/v1/devices/dev-a/state", "x"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await a.PublishAsync("fw/v1/devices/dev-b/state", "x"));
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await broker.ConnectAsync(null)).Code);
    }

    [Fact]
    public async Task Neither_passwords_nor_anonymous_access_is_a_misuse()
    {
        var options = new BrokerOptions { Policy = new AccessPolicy("fw", ["controller"]) };
        Assert.Equal("options", (await Assert.ThrowsAsync<ArgumentException>(() => FleetBroker.StartAsync(options))).ParamName);
    }

    [Fact]
    public async Task IPv6_loopback_is_bound_only_when_asked()
    {
        await using (var broker = await BrokerFixture.StartAsync())
        {
            var (probe, code) = await MqttProbe.ConnectAsync("::1", broker.Port, "dev-a", "password-a");
            await using var _ = probe;
            Assert.NotEqual(MqttClientConnectResultCode.Success, code);
        }

        await using (var broker = await BrokerFixture.StartAsync(o => o with { IPv6 = true }))
        {
            var (probe, code) = await MqttProbe.ConnectAsync("::1", broker.Port, "dev-a", "password-a");
            await using var _ = probe;
            Assert.Equal(MqttClientConnectResultCode.Success, code);
        }
    }

    [Fact]
    public async Task With_a_certificate_the_broker_speaks_TLS_only()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        await using var broker = await BrokerFixture.StartAsync(o => o with { Certificate = certificate });

        var tls = new MqttClientTlsOptionsBuilder().UseTls()
            .WithTrustChain([X509CertificateLoader.LoadCertificate(certificate.RawData)])
            .WithCertificateValidationHandler(_ => true).Build();
        var (secure, code) = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, "dev-a", "password-a", tls: tls);
        await using var _ = secure;
        Assert.Equal(MqttClientConnectResultCode.Success, code);

        var (plain, plainCode) = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, "dev-a", "password-a");
        await using var __ = plain;
        Assert.False(plain.IsConnected);
    }
}
