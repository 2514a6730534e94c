using System.Security.Cryptography;
using System.Text.Json;

namespace Firmware.Tool.Tests.Commands;

/// <summary>
/// <c>fwtool pkg build</c> on the packages under firmware/packages, with busybox-static from
/// Debian for amd64 and arm64, checked by skopeo; the package scripts run under that busybox.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PkgCommandTests : IDisposable
{
    private static readonly Dictionary<string, string> Epoch = new() { ["SOURCE_DATE_EPOCH"] = "1700000000" };
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Packages => Repository.PathOf("firmware", "packages");

    /// <summary>A copy of firmware/packages/NAME with busybox for each architecture in bin/ARCH/.</summary>
    private string Package(string name)
    {
        var copy = _cli.PathOf(name);
        Fixture.Expect(0, _cli.Peer("cp", "-a", Path.Combine(Packages, name), copy));
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            Directory.CreateDirectory(Path.Combine(copy, "bin", arch));
            File.Copy(DebianDownloads.Extract("busybox-static", arch, "bin/busybox"), Path.Combine(copy, "bin", arch, "busybox"));
        }

        return copy;
    }

    private static Dictionary<string, string> Hashes(string layout) => Directory.EnumerateFiles(layout, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(layout, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void TwoBuildsOfHeartbeatAreIdenticalToTheByte()
    {
        Package("heartbeat");
        Fixture.Expect(0, _cli.Fwtool(Epoch, "pkg", "build", "heartbeat", "--out", "first", "--tag", "dev"));
        Fixture.Expect(0, _cli.Fwtool(Epoch, "pkg", "build", "heartbeat", "--out", "second", "--tag", "dev"));
        var first = Hashes(_cli.PathOf("first"));
        Assert.Equal(first, Hashes(_cli.PathOf("second")));
        Assert.Equal(2 + 1 + 2 * 3, first.Count); // index.json, oci-layout; the index; per arch a layer, a config, a manifest
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void SkopeoReadsEachArchitectureOfTheBuiltImage(string architecture)
    {
        Package("heartbeat");
        Fixture.Expect(0, _cli.Fwtool(Epoch, "pkg", "build", "heartbeat", "--out", "layout"));
        var inspect = _cli.Peer("skopeo", "--override-arch", architecture, "inspect", "oci:layout:latest");
        Fixture.Expect(0, inspect);
        var config = JsonDocument.Parse(inspect.Stdout).RootElement;
        Assert.Equal(architecture, config.GetProperty("Architecture").GetString());
        var label = JsonDocument.Parse(config.GetProperty("Labels").GetProperty("org.mobyproject.config").GetString()!).RootElement;
        Assert.True(label.GetProperty("readonly").GetBoolean());
        Assert.Equal("/run/heartbeat:/run/heartbeat", label.GetProperty("binds")[0].GetString());

        // The layer holds that architecture's busybox: an ELF for the right machine.
        Fixture.Expect(0, _cli.Peer("skopeo", "--override-arch", architecture, "copy", "oci:layout:latest", "dir:unpacked"));
        var layer = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("unpacked/manifest.json"))).RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!;
        Fixture.Expect(0, _cli.Peer("mkdir", "rootfs"));
        Fixture.Expect(0, _cli.Peer("tar", "-xzf", $"unpacked/{layer.Split(':')[1]}", "-C", "rootfs"));
        var elf = File.ReadAllBytes(_cli.PathOf("rootfs/bin/busybox"));
        Assert.Equal(architecture == "amd64" ? 62 : 183, BitConverter.ToUInt16(elf, 18)); // e_machine: EM_X86_64, EM_AARCH64
        Assert.Equal(File.ReadAllBytes(Path.Combine(Packages, "heartbeat", "heartbeat.sh")), File.ReadAllBytes(_cli.PathOf("rootfs/usr/bin/heartbeat")));
    }

    [Theory]
    [InlineData("hostname")]
    [InlineData("busybox")]
    public void EveryPackageBuildsForBothArchitectures(string name)
    {
        Package(name);
        var result = _cli.Fwtool(Epoch, "pkg", "build", name, "--out", "layout", "--json");
        Fixture.Expect(0, result);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal($"fw/{name}", json.GetProperty("name").GetString());
        Assert.Equal(["linux/amd64", "linux/arm64"], json.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("platform").GetString()));
    }

    [Fact]
    public void TheHeartbeatBeatsThenFailsOnDemand()
    {
        var busybox = DebianDownloads.Extract("busybox-static", "amd64", "bin/busybox");
        var script = Path.Combine(Packages, "heartbeat", "heartbeat.sh");
        var environment = new Dictionary<string, string> { ["HEARTBEAT_DIR"] = _cli.PathOf("run"), ["HEARTBEAT_INTERVAL"] = "0", ["HEARTBEAT_COUNT"] = "3" };
        var beats = ProcessRunner.Run(busybox, ["sh", script], _cli.Directory, environment);
        Fixture.Expect(0, beats);
        Assert.Equal(3, File.ReadAllLines(_cli.PathOf("run/beats")).Length);

        File.WriteAllText(_cli.PathOf("run/fail"), "7\n");
        var failed = ProcessRunner.Run(busybox, ["sh", script], _cli.Directory, environment);
        Assert.Equal(7, failed.ExitCode);
        Assert.Contains("failing with status 7", failed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHostnameStepSetsTheNameInItsUtsNamespace()
    {
        var busybox = DebianDownloads.Extract("busybox-static", "amd64", "bin/busybox");
        File.WriteAllText(_cli.PathOf("hostname"), "fw-test-node\n");
        // A UTS namespace of its own (root, as the Integration tier runs), so the host keeps its name.
        var result = ProcessRunner.Run("unshare", ["--uts", busybox, "sh", Path.Combine(Packages, "hostname", "set-hostname.sh")], _cli.Directory,
            new Dictionary<string, string> { ["HOSTNAME_FILE"] = _cli.PathOf("hostname") });
        Fixture.Expect(0, result);
        Assert.Equal("set-hostname: fw-test-node", result.Stdout.Trim());
    }

    [Fact]
    public void TheHostnameStepRefusesAMissingFile()
    {
        var busybox = DebianDownloads.Extract("busybox-static", "amd64", "bin/busybox");
        var result = ProcessRunner.Run(busybox, ["sh", Path.Combine(Packages, "hostname", "set-hostname.sh")], _cli.Directory,
            new Dictionary<string, string> { ["HOSTNAME_FILE"] = _cli.PathOf("missing") });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is missing or empty", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputExitsWithItsCodeAndWritesNothing()
    {
        Package("heartbeat");
        var arch = _cli.Fwtool(Epoch, "pkg", "build", "heartbeat", "--arch", "riscv64", "--out", "layout");
        Assert.Equal(2, arch.ExitCode);
        Assert.Contains("riscv64", arch.Stderr, StringComparison.Ordinal);
        Directory.CreateDirectory(_cli.PathOf("empty"));
        var missing = _cli.Fwtool(Epoch, "pkg", "build", "empty", "--out", "layout");
        Assert.Equal(25, missing.ExitCode);
        File.Delete(_cli.PathOf("heartbeat/bin/arm64/busybox"));
        var source = _cli.Fwtool(Epoch, "pkg", "build", "heartbeat", "--out", "layout");
        Assert.Equal(25, source.ExitCode);
        Assert.Contains("files[0].source", source.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.PathOf("layout")));
    }
}
