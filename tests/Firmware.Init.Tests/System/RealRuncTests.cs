namespace Firmware.Init.Tests.System;

/// <summary>
/// The published fwinit as process 1 with Debian's runc running busybox bundles made by
/// <c>runc spec</c>: what a device does, short of the kernel. runc's exit is the container's,
/// <c>runc delete</c> clears the state a restart needs cleared, and nothing is left behind.
/// </summary>
[Trait("Category", "System")]
public sealed class RealRuncTests(PublishedInit published) : IClassFixture<PublishedInit>, IDisposable
{
    private readonly ScratchRoot _root = new(realRunc: true);

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Runs_onboot_containers_restarts_a_failing_service_and_stops_the_rest_with_runc()
    {
        _root.RuncBundle("onboot", "000-hello", "echo hello from a container");
        _root.RuncBundle("onboot", "001-fail", "exit 4");
        _root.RuncBundle("services", "crasher", "sleep 1; exit 3");
        _root.RuncBundle("services", "steady", "trap 'exit 0' TERM; while :; do sleep 0.2; done");
        using var init = new InitConsole(published.Executable, _root);

        init.WaitFor("onboot 000-hello done");
        Assert.Contains("hello from a container", init.Lines);
        init.WaitFor("onboot 001-fail failed (status 4)");
        init.WaitFor("service crasher exited (status 3), restart 1 in 1 s");
        init.WaitFor("service crasher started (pid *", occurrence: 2);
        init.WaitFor("service steady running");

        new Firmware.Device.Boot.InitControlReboot(_root.Of("run/fw-init/control")).Restart(null);

        Assert.Equal(0, init.WaitForExit());
        Assert.Contains("fw-init: service steady stopped (status 0)", init.Lines);
        Assert.Equal("fw-init: reboot(2) not called under --root (Reboot)", init.Lines[^1]);
        var left = ProcessRunner.Run(_root.Of("usr/bin/runc"), ["list", "-q"], _root.Path);
        Assert.True(left.ExitCode == 0, left.ToString());
        Assert.Equal("", left.Stdout.Trim());
    }
}
