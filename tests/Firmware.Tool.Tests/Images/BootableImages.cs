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

    /// <summary>Writes the probe spec whose /etc/fw-version reads <paramref name="label"/>, returning its path.</summary>
    public string ProbeSpec(string name, string label)
    {
        var spec = File.ReadAllText(RootfsInputs.MinimalSpec);
        spec = Replace(spec, "  version: 0.1.0\n", "");
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

    /// <summary>The offset of partition <paramref name="name"/> in a build report.</summary>
    public static long OffsetOf(JsonElement report, string name) =>
        report.GetProperty("partitions").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("offset").GetInt64();

    /// <summary>Boots <paramref name="image"/> with <c>fwtool run qemu</c> until the probe has seen the heartbeat it killed come back.</summary>
    public static QemuConsole.Result Boot(string image, string board) =>
        QemuConsole.Run(Path.Combine(AppContext.BaseDirectory, "fwtool"), ["run", "qemu", image, "--board", board, "--boards", Boards, "--disk-copy"],
            TimeSpan.FromMinutes(8), stopAtFinalMarker: true, Back,
            "fw-grub: booting slot", "fw-initramfs: started", "fw-initramfs: switching to /sbin/init", "fw-init: onboot 000-prepare done", Heartbeat, "probe: cmdline",
            Killed, "fw-init: service heartbeat exited (");

    /// <summary>The console's last 4000 characters, for a failure message.</summary>
    public static string Tail(string console) => console.Length <= 4000 ? console : console[^4000..];

    private static string Replace(string text, string old, string replacement)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }
}
