using Firmware.Init.Containers;
using Firmware.Init.Processes;
using Firmware.Init.Supervision;
using Firmware.Init.Tests.Doubles;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Init.Tests.Supervision;

/// <summary>The supervisor's state machine over a fake runc and a fake clock.</summary>
[Trait("Category", "Unit")]
public sealed class SupervisorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeLauncher _launcher = new();
    private readonly RecordingStatus _status = new();
    private readonly RecordingLog _log = new();
    private readonly Supervisor _supervisor;

    public SupervisorTests() =>
        _supervisor = new Supervisor([new("alpha", "/c/services/alpha"), new("beta", "/c/services/beta")],
            new Runc("/usr/bin/runc", _launcher), RestartPolicy.Default, _clock, _status, _log);

    [Fact]
    public void Services_start_in_order_and_count_as_running_after_two_seconds()
    {
        _supervisor.StartAll();

        Assert.Equal(["run --bundle /c/services/alpha alpha", "run --bundle /c/services/beta beta"], _launcher.Commands);
        Assert.Equal(["service alpha started (pid 100)", "service beta started (pid 101)"], _log.Lines);
        Assert.Equal("starting", _status.StateOf("alpha"));
        Assert.Equal(100, _status.Last[0].Pid);

        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("running", _status.StateOf("alpha"));
        Assert.Equal("running", _status.StateOf("beta"));
    }

    [Fact]
    public void A_crashed_service_is_deleted_and_restarted_after_one_then_two_seconds()
    {
        _supervisor.StartAll();
        _clock.Advance(TimeSpan.FromSeconds(5));

        _launcher.End("beta", ExitStatus.Killed(9));

        Assert.Equal("failed", _status.StateOf("beta"));
        Assert.Equal("signal 9", _status.Last[1].Exit);
        Assert.Null(_status.Last[1].Pid);
        Assert.Contains("service beta exited (signal 9), restart 1 in 1 s", _log.Lines);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(_launcher.Running.ContainsKey("beta"));

        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(["delete --force beta", "run --bundle /c/services/beta beta"], _launcher.Commands[^2..]);
        Assert.Equal("starting", _status.StateOf("beta"));
        Assert.Equal(1, _status.Last[1].Restarts);

        _launcher.End("beta", ExitStatus.Exited(3));

        Assert.Contains("service beta exited (status 3), restart 2 in 2 s", _log.Lines);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(_launcher.Running.ContainsKey("beta"));
        Assert.Equal(2, _status.Last[1].Restarts);
    }

    [Fact]
    public void The_back_off_resets_after_a_run_of_thirty_seconds()
    {
        _supervisor.StartAll();
        for (var i = 0; i < 3; i++)
        {
            _launcher.End("alpha", ExitStatus.Exited(1));
            _clock.Advance(RestartPolicy.Default.DelayAfter(i + 1));
        }

        _clock.Advance(TimeSpan.FromSeconds(30));
        _launcher.End("alpha", ExitStatus.Exited(1));

        Assert.Equal("service alpha exited (status 1), restart 4 in 1 s", _log.Lines[^1]);
    }

    [Fact]
    public void A_service_that_exits_with_status_0_is_done_and_not_restarted()
    {
        _supervisor.StartAll();

        _launcher.End("alpha", ExitStatus.Exited(0));
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("exited", _status.StateOf("alpha"));
        Assert.Equal(0, _status.Last[0].Restarts);
        Assert.Single(_launcher.Commands, c => c.StartsWith("run --bundle /c/services/alpha", StringComparison.Ordinal));
        Assert.Contains("delete --force alpha", _launcher.Commands);
    }

    [Fact]
    public async Task Stopping_goes_in_reverse_order_and_nothing_restarts()
    {
        _supervisor.StartAll();

        await _supervisor.StopAllAsync();

        Assert.Equal(["kill beta TERM", "delete --force beta", "kill alpha TERM", "delete --force alpha"], _launcher.Commands[2..]);
        Assert.Equal(["stopped", "stopped"], _status.Last.Select(e => e.State));
        Assert.Equal("signal 15", _status.Last[0].Exit);
        _supervisor.StartAll();
        Assert.Equal(6, _launcher.Commands.Count);
    }

    [Fact]
    public async Task A_service_that_ignores_SIGTERM_gets_SIGKILL_after_ten_seconds()
    {
        _supervisor.StartAll();
        _launcher.IgnoreTerm.Add("beta");

        var stopping = _supervisor.StopAllAsync();
        Assert.Equal("stopping", _status.StateOf("beta"));
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.DoesNotContain("kill beta KILL", _launcher.Commands);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await stopping;

        Assert.Equal(["kill beta TERM", "kill beta KILL", "delete --force beta", "kill alpha TERM", "delete --force alpha"], _launcher.Commands[2..]);
        Assert.Contains("service beta still up after 10 s, sending SIGKILL", _log.Lines);
        Assert.Contains("service beta stopped (signal 9)", _log.Lines);
    }

    [Fact]
    public async Task A_pending_restart_is_cancelled_by_the_way_down()
    {
        _supervisor.StartAll();
        _launcher.End("alpha", ExitStatus.Exited(2));

        await _supervisor.StopAllAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("stopped", _status.StateOf("alpha"));
        Assert.Equal("status 2", _status.Last[0].Exit);
        Assert.DoesNotContain("kill alpha TERM", _launcher.Commands);
        Assert.Single(_launcher.Commands, c => c == "run --bundle /c/services/alpha alpha");
    }

    [Fact]
    public void A_runc_that_cannot_start_counts_as_a_failure_and_is_retried()
    {
        var launcher = new ThrowingLauncher();
        var supervisor = new Supervisor([new("alpha", "/c/services/alpha")], new Runc("/usr/bin/runc", launcher), RestartPolicy.Default, _clock, _status, _log);

        supervisor.StartAll();
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("failed", _status.StateOf("alpha"));
        Assert.Contains("service alpha could not be started: no runc", _log.Lines);
        Assert.Contains("service alpha exited (status 127), restart 2 in 2 s", _log.Lines);
    }

    private sealed class ThrowingLauncher : IProcessLauncher
    {
        public IChildProcess Start(IReadOnlyList<string> argv) => throw new IOException("no runc");
    }
}
