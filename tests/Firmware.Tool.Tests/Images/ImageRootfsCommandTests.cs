using System.Text.Json;

namespace Firmware.Tool.Tests.Images;

/// <summary>
/// <c>fwtool image rootfs</c> on firmware/images/minimal.yml for amd64 and arm64, one image pulled
/// from a docker-registry on loopback, the result read back by the real <c>unsquashfs</c>, a
/// service bundle run by the real <c>runc</c>, and two builds compared byte for byte.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RootfsGroup.Name)]
public sealed class ImageRootfsCommandTests(RootfsInputs inputs) : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private ProcessResult Build(string arch, string output, string cache, params string[] extra) =>
        _cli.Fwtool(Fixture.Epoch, ["image", "rootfs", RootfsInputs.MinimalSpec, "--arch", arch, "--out", output, "--cache", _cli.PathOf(cache), .. inputs.Sources, .. extra]);

    /// <summary>unsquashfs -lln as path -> (mode string, owner).</summary>
    private Dictionary<string, (string Mode, string Owner)> List(string image)
    {
        var listed = _cli.Peer("unsquashfs", "-lln", image);
        Fixture.Expect(0, listed);
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var line in listed.Stdout.Split('\n').Where(l => l.Length > 0 && l[0] is 'd' or '-' or 'l' or 'c' or 'b'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = fields[5..].TakeWhile(f => f != "->").Last();
            entries[path.StartsWith("squashfs-root", StringComparison.Ordinal) ? path["squashfs-root".Length..] : path] = (fields[0], fields[1]);
        }

        return entries;
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void MinimalBuildsWithContainersLaidOutAsLinuxKitDoes(string arch)
    {
        var build = Build(arch, "out", "cache", "--json");
        Fixture.Expect(0, build);
        var report = JsonDocument.Parse(build.Stdout).RootElement;
        Assert.Equal($"linux/{arch}", report.GetProperty("platform").GetString());

        var entries = List(_cli.PathOf("out/rootfs.squashfs"));
        Assert.Equal(("-rwxr-xr-x", "0/0"), entries["/sbin/init"]);
        Assert.Contains($"/lib/{(arch == "amd64" ? "x86_64" : "aarch64")}-linux-gnu/libc.so.6", entries.Keys);
        Assert.Contains($"/usr/lib/{(arch == "amd64" ? "x86_64" : "aarch64")}-linux-gnu/libseccomp.so.2", entries.Keys);
        Assert.Equal(("-rwxr-xr-x", "0/0"), entries["/usr/bin/runc"]);
        Assert.Equal(("-rwxr-xr-x", "0/0"), entries["/bin/busybox"]);
        Assert.Equal(("-rw-r--r--", "0/0"), entries["/etc/hostname"]);
        Assert.Equal(("drwxr-xr-x", "0/0"), entries["/var/lib/fw"]);
        Assert.Equal(("-rw-r--r--", "0/0"), entries["/containers/onboot/000-prepare/config.json"]);
        Assert.Equal(("-rwxr-xr-x", "0/0"), entries["/containers/onboot/000-prepare/rootfs/bin/busybox"]);
        Assert.Equal(("-rw-r--r--", "0/0"), entries["/containers/services/heartbeat/config.json"]);
        Assert.Equal(("-rw-r--r--", "0/0"), entries["/containers/services/heartbeat/runtime.json"]);
        Assert.Equal("lrwxrwxrwx", entries["/containers/services/heartbeat/rootfs/bin/sh"].Mode);
        Assert.DoesNotContain("/kernel", entries.Keys); // kernels are the kernel stage's

        // The kernel is resolved and recorded; busybox came from the registry.
        var images = File.ReadAllLines(_cli.PathOf("out/images.lock"));
        Assert.Contains(images, l => l.StartsWith($"kernel fw/kernel:dev oci:{inputs.PathOf("layouts/kernel")}:dev linux/{arch} sha256:", StringComparison.Ordinal));
        Assert.Contains(images, l => l.StartsWith($"container fw/busybox:dev docker://{inputs.RegistryHost}/fw/busybox:dev linux/{arch} sha256:", StringComparison.Ordinal));

        // The config is the spec over the image: busybox's PATH, the service's command, read-only.
        var config = JsonDocument.Parse(_cli.Peer("unsquashfs", "-cat", "out/rootfs.squashfs", "containers/services/heartbeat/config.json").Stdout).RootElement;
        Assert.Equal("PATH=/bin", config.GetProperty("process").GetProperty("env")[0].GetString());
        Assert.Equal("/bin/sh", config.GetProperty("process").GetProperty("args")[0].GetString());
        Assert.True(config.GetProperty("root").GetProperty("readonly").GetBoolean());

        // busybox and fwinit are that architecture's ELF (e_machine 62 x86-64, 183 AArch64).
        Fixture.Expect(0, _cli.Peer("unsquashfs", "-d", "x", "out/rootfs.squashfs", "bin/busybox", "sbin/init"));
        foreach (var executable in new[] { "x/bin/busybox", "x/sbin/init" })
        {
            Assert.Equal(arch == "amd64" ? 62 : 183, BitConverter.ToUInt16(File.ReadAllBytes(_cli.PathOf(executable)), 18));
        }
    }

    [Fact]
    public void ADryRunResolvesEveryImageAndWritesNothing()
    {
        var plan = Build("arm64", "out", "cache", "--dry-run", "--json");
        Fixture.Expect(0, plan);
        var report = JsonDocument.Parse(plan.Stdout).RootElement;
        Assert.True(report.GetProperty("dryRun").GetBoolean());
        var images = report.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(["kernel", "init", "init", "init", "container", "container"], images.Select(i => i.GetProperty("role").GetString()));
        Assert.All(images, i => Assert.Equal("linux/arm64", i.GetProperty("platform").GetString()));
        Assert.False(Directory.Exists(_cli.PathOf("out")));
        Assert.Equal(0, report.GetProperty("cacheMisses").GetInt64()); // no layer was opened
    }

    [Fact]
    public void TwoBuildsOfTheSameInputsAreIdenticalAndTheSecondHitsTheCache()
    {
        Fixture.Expect(0, Build("amd64", "first", "cache"));
        var second = Build("amd64", "second", "cache", "--json");
        Fixture.Expect(0, second);
        Fixture.Expect(0, Build("amd64", "third", "other-cache"));
        foreach (var name in new[] { "rootfs.squashfs", "rootfs.list", "images.lock" })
        {
            var first = Sha256(_cli.PathOf("first/" + name));
            Assert.Equal(first, Sha256(_cli.PathOf("second/" + name)));
            Assert.Equal(first, Sha256(_cli.PathOf("third/" + name)));
        }

        var report = JsonDocument.Parse(second.Stdout).RootElement;
        Assert.Equal(0, report.GetProperty("cacheMisses").GetInt64());
        Assert.True(report.GetProperty("cacheHits").GetInt64() > 0);
    }

    [Fact]
    public void RuncRunsTheGeneratedHeartbeatBundleFromTheBuiltImage()
    {
        Fixture.Expect(0, Build("amd64", "out", "cache"));
        Fixture.Expect(0, _cli.Peer("unsquashfs", "-d", "root", "out/rootfs.squashfs"));
        var bundle = _cli.PathOf("root/containers/services/heartbeat");
        var state = _cli.PathOf("runc-state");
        var id = "fw-rootfs-" + Guid.NewGuid().ToString("N")[..12];
        // Detached, with its stdio away from ours: the service runs until it is killed.
        Fixture.Expect(0, _cli.Peer("sh", "-c", $"runc --root {state} run -d --bundle {bundle} {id} </dev/null >/dev/null 2>&1"));
        try
        {
            var status = _cli.Peer("runc", "--root", state, "state", id);
            Fixture.Expect(0, status);
            Assert.Equal("running", JsonDocument.Parse(status.Stdout).RootElement.GetProperty("status").GetString());
            // The bind from the spec is there, read-only root and all.
            var hostname = _cli.Peer("runc", "--root", state, "exec", id, "/bin/cat", "/etc/hostname");
            Fixture.Expect(0, hostname);
            Assert.Equal(File.ReadAllText("/etc/hostname"), hostname.Stdout);
            Assert.NotEqual(0, _cli.Peer("runc", "--root", state, "exec", id, "/bin/mkdir", "/written").ExitCode);
        }
        finally
        {
            _cli.Peer("runc", "--root", state, "delete", "--force", id);
        }
    }

    private static string Sha256(string path) => ImageFiles.Sha256(path);
}
