using System.Text.Json;

namespace Firmware.Tool.Tests.Images;

/// <summary>
/// Builds disk images with <c>fwtool image build</c> from a test variant of minimal.yml: the same
/// image plus a privileged "probe" service with the host's pid namespace that prints /proc/cmdline,
/// the root and data mounts and the image's version label to the console, then kills the heartbeat
/// once and reports when fwinit has started it again.
/// </summary>
internal sealed class BootableImages(RootfsInputs inputs, CliRunner cli)
{
    public const string Heartbeat = "heartbeat fw-minimal";
    public const string Killed = "probe: killed heartbeat";
    public const string Back = "probe: heartbeat back";

    public static string Boards => Repository.PathOf("boards");

    /// <summary>The --source options of the packages.</summary>
    public string[] Sources => inputs.Sources;

    /// <summary>Writes release.key (what <see cref="Build"/> signs with), root.key and trust.json trusting the release key.</summary>
    public void CreateKeys()
    {
        Fixture.Expect(0, cli.Fwtool("keygen", "--out", "release"));
        Fixture.Expect(0, cli.Fwtool("keygen", "--out", "root"));
        Fixture.Expect(0, cli.Fwtool("trust", "init", "--root", "root.key", "--release", "release.pub", "--out", "trust.json"));
    }

    /// <summary>Writes the probe spec whose /etc/fw-version reads <paramref name="label"/>, returning its path;
    /// <paramref name="boards"/>, when given, replace minimal.yml's compatible boards.</summary>
    public string ProbeSpec(string name, string label, params string[] boards)
    {
        var spec = File.ReadAllText(RootfsInputs.MinimalSpec);
        spec = Replace(spec, "  version: 0.1.0\n", "");
        if (boards.Length > 0)
        {
            spec = Replace(spec, "  compatible: [qemu-x86_64, qemu-arm64]\n", $"  compatible: [{string.Join(", ", boards)}]\n");
        }
        spec = Replace(spec, "files:\n", $$"""
              - name: probe
                image: fw/busybox:dev
                command: ["/bin/sh", "-c", "sleep 3; echo \"probe: cmdline $(cat /proc/cmdline)\" > /dev/console; /bin/busybox grep -E ' / | /data ' /proc/1/mounts | /bin/busybox sed 's/^/probe: mount /' > /dev/console; echo \"probe: version $(cat /etc/fw-version)\" > /dev/console; sleep 12; for p in /proc/[0-9]*; do /bin/busybox grep -q 'while [t]rue' $p/cmdline 2>/dev/null && kill -9 ${p#/proc/} && echo \"{{Killed}} ${p#/proc/}\" > /dev/console; done; for i in $(/bin/busybox seq 90); do sleep 2; for p in /proc/[0-9]*; do /bin/busybox grep -q 'while [t]rue' $p/cmdline 2>/dev/null && echo \"{{Back}} ${p#/proc/}\" > /dev/console && sleep 100000; done; done; sleep 100000"]
                pid: host
                capabilities: [all]
                devices:
                  - { path: all, type: a }
                binds:
                  - /dev/console:/dev/console
                  - /etc/fw-version:/etc/fw-version:ro
            files:
              - path: etc/fw-version
                contents: "{{label}}\n"
                mode: "0644"

            """);
        var path = cli.PathOf(name + ".yml");
        File.WriteAllText(path, spec);
        return path;
    }

    /// <summary>Runs <c>fwtool image build</c> under a fixed SOURCE_DATE_EPOCH.</summary>
    public ProcessResult Build(string spec, string board, string version, string output, params string[] extra) =>
        cli.Fwtool(Fixture.Epoch, ["image", "build", spec, "--board", board, "--boards", Boards, "--version", version,
            "--key", "release.key", "--expires", "36500d", "--out", output, .. inputs.Sources, .. extra]);

    /// <summary>Builds and returns the JSON report.</summary>
    public JsonElement BuildOk(string spec, string board, string version, string output, params string[] extra)
    {
        var result = Build(spec, board, version, output, ["--json", .. extra]);
        Fixture.Expect(0, result);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>sfdisk reads <paramref name="image"/>'s GPT with partitions named <paramref name="names"/>, and sgdisk finds no problem in it.</summary>
    public void ExpectGpt(string image, params string[] names)
    {
        var sfdisk = cli.Peer("sfdisk", "--json", image);
        Fixture.Expect(0, sfdisk);
        var table = JsonDocument.Parse(sfdisk.Stdout).RootElement.GetProperty("partitiontable");
        Assert.Equal("gpt", table.GetProperty("label").GetString());
        Assert.Equal(names, table.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var sgdisk = cli.Peer("sgdisk", "-v", image);
        Fixture.Expect(0, sgdisk);
        Assert.Contains("No problems found", sgdisk.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The sizes and build time of a build report, as docs/performance.md records them.</summary>
    public static string Sizes(JsonElement report) =>
        $"root {report.GetProperty("rootBytes")} B (kernel {report.GetProperty("kernelBytes")} B, initramfs {report.GetProperty("initramfsBytes")} B), " +
        $"mapped {report.GetProperty("mappedBytes")} B, bundle {report.GetProperty("bundleBytes")} B, build {report.GetProperty("seconds")} s";

    /// <summary>The offset of partition <paramref name="name"/> in a build report.</summary>
    public static long OffsetOf(JsonElement report, string name) =>
        report.GetProperty("partitions").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("offset").GetInt64();

    /// <summary>Boots <paramref name="image"/> with <c>fwtool run qemu</c> until the probe has seen the heartbeat it killed come back.</summary>
    public static QemuConsole.Result Boot(string image, string board) =>
        QemuConsole.Run(Path.Combine(AppContext.BaseDirectory, "fwtool"), ["run", "qemu", image, "--board", board, "--boards", Boards, "--disk-copy"],
            TimeSpan.FromMinutes(8), stopAtFinalMarker: true, Back,
            "fw-grub: booting slot", "fw-initramfs: started", "fw-initramfs: switching to /sbin/init", "fw-init: onboot 000-prepare done", Heartbeat, "probe: cmdline",
            Killed, "fw-init: service heartbeat exited (");

    /// <summary>Replaces <paramref name="old"/> in <paramref name="text"/>, which must hold it (spec variants).</summary>
    public static string Replace(string text, string old, string replacement)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }
}
