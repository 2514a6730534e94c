using System.Text.Json.Nodes;

namespace Firmware.Init.Tests.System;

/// <summary>
/// A root for fwinit's <c>--root</c>: the /containers layout of docs/rootfs.md, /etc/hostname, an
/// empty /data and /run, and a stand-in runc (a shell script) that runs each bundle's <c>run</c>
/// script in place of a container and logs every command line to <c>runc.log</c>. Its <c>kill</c>
/// signals the script, its <c>delete</c> forgets it, as runc does for a container.
/// </summary>
public sealed class ScratchRoot : IDisposable
{
    private const string FakeRunc = """
        #!/bin/sh
        # runc as fwinit calls it: run --bundle B NAME | kill NAME SIGNAL | delete --force NAME
        export ROOT=$(cd "$(dirname "$0")/../.." && pwd)
        state=$ROOT/run/fake-runc
        mkdir -p "$state"
        echo "$*" >> "$ROOT/runc.log"
        case "$1" in
            run) echo $$ > "$state/$4.pid"; exec /bin/sh "$3/run" ;;
            kill) kill -s "$3" "$(cat "$state/$2.pid")" ;;
            delete) rm -f "$state/$3.pid" ;;
        esac
        """;

    // The real runc, its state kept below the root (a device keeps it in /run/runc, on tmpfs).
    private const string RealRunc = """
        #!/bin/sh
        exec /usr/sbin/runc --root "$(dirname "$0")/../../run/runc" "$@"
        """;

    private readonly ScratchDirectory _scratch = new();

    /// <summary>A root whose runc is the stand-in script, or with <paramref name="realRunc"/> Debian's runc.</summary>
    public ScratchRoot(bool realRunc = false)
    {
        // Other uids must reach the control socket for the peer-credential check to be what refuses them.
        File.SetUnixFileMode(Path, (UnixFileMode)0x1ED);
        foreach (var directory in new[] { "usr/bin", "etc", "data", "run" })
        {
            Directory.CreateDirectory(Of(directory));
        }

        File.WriteAllText(Of("usr/bin/runc"), (realRunc ? RealRunc : FakeRunc).ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(Of("usr/bin/runc"), (UnixFileMode)0x1ED);
        File.WriteAllText(Of("etc/hostname"), "fw-test\n");
    }

    public string Path => _scratch.Path;

    public string Of(string relative) => _scratch.Of(relative);

    /// <summary>Adds /containers/KIND/NAME whose container runs <paramref name="script"/> (sh, $ROOT set).</summary>
    public void Container(string kind, string name, string script)
    {
        var bundle = Directory.CreateDirectory(Of($"containers/{kind}/{name}")).FullName;
        File.WriteAllText(global::System.IO.Path.Combine(bundle, "config.json"), "{}\n");
        File.WriteAllText(global::System.IO.Path.Combine(bundle, "run"), script + "\n");
    }

    /// <summary>
    /// Adds /containers/KIND/NAME as a real OCI bundle: <c>runc spec</c>'s default config.json
    /// (without a terminal, root read-only) running <c>sh -c SCRIPT</c> in a root of busybox-static.
    /// </summary>
    public void RuncBundle(string kind, string name, string script)
    {
        var bundle = Directory.CreateDirectory(Of($"containers/{kind}/{name}")).FullName;
        var bin = Directory.CreateDirectory(global::System.IO.Path.Combine(bundle, "rootfs", "bin")).FullName;
        File.Copy("/bin/busybox", global::System.IO.Path.Combine(bin, "busybox"));
        foreach (var applet in new[] { "sh", "sleep", "echo" })
        {
            File.CreateSymbolicLink(global::System.IO.Path.Combine(bin, applet), "busybox");
        }

        var spec = ProcessRunner.Run("runc", ["spec"], bundle);
        Assert.True(spec.ExitCode == 0, spec.ToString());
        var config = JsonNode.Parse(File.ReadAllText(global::System.IO.Path.Combine(bundle, "config.json")))!;
        config["process"]!["terminal"] = false;
        config["process"]!["args"] = new JsonArray("/bin/sh", "-c", script);
        config["root"]!["readonly"] = true;
        File.WriteAllText(global::System.IO.Path.Combine(bundle, "config.json"), config.ToJsonString());
    }

    public string[] Lines(string relative) => File.Exists(Of(relative)) ? File.ReadAllLines(Of(relative)) : [];

    public void Dispose() => _scratch.Dispose();
}
