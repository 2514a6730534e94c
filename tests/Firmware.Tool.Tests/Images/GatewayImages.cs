namespace Firmware.Tool.Tests.Images;

/// <summary>
/// Builds firmware/images/gateway.yml as a release would: fwagent published with NativeAOT and
/// packaged from agent/package, the spec and its agent.yml copied beside a trust file made from
/// this test's keys, and variants of the spec for the releases a rollout test needs.
/// </summary>
internal sealed class GatewayImages
{
    private readonly CliRunner _cli;
    private readonly BootableImages _images;
    private readonly string _agent;

    /// <summary>Writes release.key, root.key, gateway/trust.json and the agent's OCI layout for <paramref name="arch"/>.</summary>
    public GatewayImages(CliRunner cli, BootableImages images, string arch = "amd64")
    {
        _cli = cli;
        _images = images;
        Fixture.Expect(0, cli.Fwtool("keygen", "--out", "release"));
        Fixture.Expect(0, cli.Fwtool("keygen", "--out", "root"));
        Directory.CreateDirectory(cli.PathOf("gateway"));
        File.Copy(Repository.PathOf("firmware", "images", "gateway", "agent.yml"), cli.PathOf("gateway/agent.yml"));
        Fixture.Expect(0, cli.Fwtool("trust", "init", "--root", "root.key", "--release", "release.pub", "--out", "gateway/trust.json"));
        File.Copy(cli.PathOf("gateway/trust.json"), cli.PathOf("trust.json"));
        _agent = AgentLayout(arch, arch == "amd64" ? "linux-x64" : "linux-arm64");
    }

    /// <summary>gateway.yml without its version (each build gives one), changed by <paramref name="edit"/> when given, written as NAME.yml.</summary>
    public string Spec(string name, Func<string, string>? edit = null)
    {
        var text = BootableImages.Replace(File.ReadAllText(Repository.PathOf("firmware", "images", "gateway.yml")), "  version: 0.1.0\n", "");
        var path = _cli.PathOf(name + ".yml");
        File.WriteAllText(path, edit is null ? text : edit(text));
        return path;
    }

    /// <summary>Builds <paramref name="spec"/> for <paramref name="board"/> at <paramref name="version"/> into out/ and returns the build report.</summary>
    public System.Text.Json.JsonElement Build(string spec, string board, string version) =>
        _images.BuildOk(spec, board, version, "out", "--source", $"fw/fwagent:dev=oci:{_agent}:dev");

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
