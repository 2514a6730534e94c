using Firmware.Device.Boot;
using Firmware.Device.Health;

namespace Firmware.Init.Tests.System;

/// <summary>
/// The published fwinit as process 1 of its own pid namespace over a scratch root (<c>--root</c>,
/// so reboot(2) is never called): onboot order, a crashed service restarted with back-off, the
/// status table read by the agent's parser, reboot requests from uid 0 and from another uid over
/// the real socket, and the way down in order.
/// </summary>
[Trait("Category", "System")]
public sealed class InitAsProcessOneTests(PublishedInit published) : IClassFixture<PublishedInit>, IDisposable
{
    private readonly ScratchRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Publishes_without_warnings_and_links_only_the_C_library()
    {
        Assert.Equal(["ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6"], NativePublish.NeededLibraries(published.Executable));
        Assert.DoesNotContain("warning", published.PublishOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Refuses_to_run_outside_process_1_without_a_scratch_root()
    {
        var run = ProcessRunner.Run(published.Executable, [], published.Directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not process 1", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boots_supervises_answers_the_control_socket_and_goes_down_in_order()
    {
        _root.Container("onboot", "000-first", "echo onboot-1 >> \"$ROOT/order\"");
        _root.Container("onboot", "001-second", "echo onboot-2 >> \"$ROOT/order\"; exit 3");
        _root.Container("onboot", "002-third", "echo onboot-3 >> \"$ROOT/order\"");
        // Crashes by SIGKILL when the test creates $ROOT/crash, once per file.
        _root.Container("services", "heartbeat", "while [ ! -e \"$ROOT/crash\" ]; do sleep 0.1; done; rm \"$ROOT/crash\"; kill -9 $$");
        _root.Container("services", "worker", "trap 'echo worker-stopped >> \"$ROOT/order\"; exit 0' TERM; while :; do sleep 0.1; done");
        _root.Container("onshutdown", "000-save", "echo onshutdown >> \"$ROOT/order\"");
        using var init = new InitConsole(published.Executable, _root);

        init.WaitFor("boot complete (2 services)");
        Assert.Equal(["onboot-1", "onboot-2", "onboot-3"], _root.Lines("order"));
        Assert.Contains("fw-init: onboot 001-second failed (status 3)", init.Lines);
        Assert.Contains("fw-init: hostname fw-test", init.Lines);
        Assert.Contains("fw-init: lo up", init.Lines);
        Assert.DoesNotContain(init.Lines, l => l.StartsWith("fw-init: warning", StringComparison.Ordinal));

        // Running after two seconds up, as the agent's own parser reads the table.
        init.WaitFor("service heartbeat running");
        init.WaitFor("service worker running");
        var status = new ServiceStatusFile(_root.Of("run/fw-init/services"));
        Assert.Equal([("heartbeat", "running", 0), ("worker", "running", 0)], (await status.ReadAsync(CancellationToken.None)).Select(s => (s.Name, s.State, s.Restarts ?? -1)));

        // A crash: the service is deleted and restarted after one second, and counted.
        File.WriteAllText(_root.Of("crash"), "");
        init.WaitFor("service heartbeat exited (signal 9), restart 1 in 1 s");
        init.WaitFor("service heartbeat started (pid *", occurrence: 2);
        init.WaitFor("service heartbeat running", occurrence: 2);
        var run = $"run --bundle {_root.Of("containers/services/heartbeat")} heartbeat";
        Assert.Equal([run, "delete --force heartbeat", run], _root.Lines("runc.log").Where(l => l.EndsWith(" heartbeat", StringComparison.Ordinal)));
        Assert.Equal(1, (await status.ReadAsync(CancellationToken.None)).Single(s => s.Name == "heartbeat").Restarts);

        // Only uid 0 may ask; the agent's client is the one that does.
        Assert.Equal("error not permitted for uid 65534", OtherUidClient.Send(_root.Of("run/fw-init/control"), 65534, "reboot"));
        Assert.Equal("error unknown request", new InitControlReboot(_root.Of("run/fw-init/control")).Send("reboot now"));
        new InitControlReboot(_root.Of("run/fw-init/control")).Restart(null);

        Assert.Equal(0, init.WaitForExit());
        var down = new[]
        {
            "fw-init: shutting down (reboot)", "fw-init: stopping service worker (pid *", "fw-init: service worker stopped (status 0)",
            "fw-init: stopping service heartbeat (pid *", "fw-init: service heartbeat stopped (signal 15)", "fw-init: onshutdown 000-save done",
            $"fw-init: unmounted {_root.Of("data")}", "fw-init: rebooting", "fw-init: reboot(2) not called under --root (Reboot)",
        };
        var at = down.Select(marker => IndexOf(init.Lines, marker)).ToArray();
        Assert.True(at.All(i => i >= 0) && at.Order().SequenceEqual(at), $"markers out of order ({string.Join(", ", at)}):\n{init.Text}");
        Assert.Contains("fw-init: control: request from pid 0 refused (uid 65534)", init.Lines);
        Assert.Equal(["onboot-1", "onboot-2", "onboot-3", "worker-stopped", "onshutdown"], _root.Lines("order"));
    }

    private static int IndexOf(IReadOnlyList<string> lines, string marker)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (marker.EndsWith('*') ? lines[i].StartsWith(marker[..^1], StringComparison.Ordinal) : lines[i] == marker)
            {
                return i;
            }
        }

        return -1;
    }
}
