using Xunit.Abstractions;

namespace Firmware.Tool.Tests.Images;

/// <summary>
/// firmware/images/gateway.yml on a real boot: built for qemu-x86_64 with fwagent published with
/// NativeAOT and packaged from agent/package, booted with <c>fwtool run qemu --broker PORT</c>
/// against Mosquitto on the host's loopback, until the device's retained birth arrives at the broker
/// and <c>fwtool fleet serve</c>, the fleet controller, lists the device.
/// </summary>
[Trait("Category", "System")]
[Collection(RootfsGroup.Name)]
public sealed class GatewayBootTests : IDisposable
{
    private const string Ready = "fwagent: ready";
    private const string StateTopic = "fw/v1/devices/gateway-0001/state";
    private readonly CliRunner _cli = new();
    private readonly BootableImages _images;
    private readonly ITestOutputHelper _output;

    public GatewayBootTests(RootfsInputs inputs, ITestOutputHelper output)
    {
        _images = new BootableImages(inputs, _cli);
        _output = output;
        Fixture.Expect(0, _cli.Fwtool("keygen", "--out", "release"));
        Fixture.Expect(0, _cli.Fwtool("keygen", "--out", "root"));
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_gateway_boots_and_its_agent_announces_itself_to_the_broker_on_the_host()
    {
        var spec = GatewaySpec();
        var agent = AgentLayout("amd64", "linux-x64");
        var report = _images.BuildOk(spec, "qemu-x86_64", "0.1.0", "out", "--source", $"fw/fwagent:dev=oci:{agent}:dev");
        var image = _cli.PathOf("out/gateway-qemu-x86_64-0.1.0.img");

        using var broker = MosquittoProcess.Anonymous(_cli.Directory);
        File.Copy(_cli.PathOf("gateway/trust.json"), _cli.PathOf("trust.json"));
        await using var fleet = new FleetServeProcess(_cli.Directory, broker.Port);
        // The birth is retained and the subscriber waits for the first message on the topic, so it
        // sees it whether it subscribed before or after the device connected.
        var birth = Task.Run(() => ProcessRunner.Run("mosquitto_sub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-t", StateTopic, "-C", "1", "-W", "900"], _cli.Directory));
        var boot = QemuConsole.RunUntil(Path.Combine(AppContext.BaseDirectory, "fwtool"),
            ["run", "qemu", image, "--board", "qemu-x86_64", "--boards", BootableImages.Boards, "--disk-copy", "--broker", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(12), birth,
            "fw-grub: booting slot", "fw-initramfs: ESP mounted", "fw-init: onboot 001-network done", "fw-init: service fwagent started", Ready);

        _output.WriteLine($"root {report.GetProperty("rootBytes")} B, mapped {report.GetProperty("mappedBytes")} B, bundle {report.GetProperty("bundleBytes")} B, build {report.GetProperty("seconds")} s");
        _output.WriteLine(string.Join(", ", boot.Markers.OrderBy(x => x.Value).Select(x => $"{x.Key} at {x.Value.TotalSeconds:F2} s")) + $", birth heard by {boot.Elapsed.TotalSeconds:F2} s");
        _output.WriteLine(boot.Console);
        Assert.True(birth.IsCompleted, $"no birth on {StateTopic} within {boot.Elapsed}; console tail:\n{BootableImages.Tail(boot.Console)}");
        var heard = await birth;
        Fixture.Expect(0, heard);
        Assert.Contains("\"state\":\"online\"", heard.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"gateway-0001\"", heard.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"slot\":\"A\"", heard.Stdout, StringComparison.Ordinal);
        Assert.Contains(Ready, boot.Console, StringComparison.Ordinal);
        Assert.Contains("fw-initramfs: ESP mounted (/dev/vda1 on /boot/efi)", boot.Console, StringComparison.Ordinal);

        // The controller heard the same birth: the device is in its registry.
        ProcessResult list = null!;
        await Eventually.Until(() => (list = _cli.Fwtool("fleet", "list", "--controller-url", fleet.Url)).Stdout.Contains("gateway-0001", StringComparison.Ordinal),
            "gateway-0001 in fwtool fleet list", TimeSpan.FromSeconds(60));
        _output.WriteLine(list.Stdout);
    }

    // gateway.yml and its agent.yml copied beside a trust file made from this test's keys.
    private string GatewaySpec()
    {
        var images = Repository.PathOf("firmware", "images");
        Directory.CreateDirectory(_cli.PathOf("gateway"));
        File.Copy(Path.Combine(images, "gateway.yml"), _cli.PathOf("gateway.yml"));
        File.Copy(Path.Combine(images, "gateway", "agent.yml"), _cli.PathOf("gateway/agent.yml"));
        Fixture.Expect(0, _cli.Fwtool("trust", "init", "--root", "root.key", "--release", "release.pub", "--out", "gateway/trust.json"));
        return _cli.PathOf("gateway.yml");
    }

    // agent/package built with fwagent published for the architecture, as a release build does.
    private string AgentLayout(string arch, string runtime)
    {
        var package = _cli.PathOf("fwagent-package");
        Fixture.Expect(0, _cli.Peer("cp", "-a", Repository.PathOf("agent", "package"), package));
        NativePublish.Run(Repository.PathOf("agent", "Firmware.Agent", "Firmware.Agent.csproj"), runtime, Path.Combine(package, "publish", arch));
        var layout = _cli.PathOf("layouts/fwagent");
        Fixture.Expect(0, _cli.Fwtool(Fixture.Epoch, ["pkg", "build", package, "--arch", arch, "--out", layout, "--tag", "dev"]));
        return layout;
    }
}
