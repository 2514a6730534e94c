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

    private readonly ScratchDirectory _scratch = new();

    public ScratchRoot()
    {
        // Other uids must reach the control socket for the peer-credential check to be what refuses them.
        File.SetUnixFileMode(Path, (UnixFileMode)0x1ED);
        foreach (var directory in new[] { "usr/bin", "etc", "data", "run" })
        {
            Directory.CreateDirectory(Of(directory));
        }

        File.WriteAllText(Of("usr/bin/runc"), FakeRunc.ReplaceLineEndings("\n") + "\n");
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

    public string[] Lines(string relative) => File.Exists(Of(relative)) ? File.ReadAllLines(Of(relative)) : [];

    public void Dispose() => _scratch.Dispose();
}
