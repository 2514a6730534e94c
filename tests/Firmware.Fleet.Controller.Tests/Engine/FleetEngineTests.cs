using Firmware.Fleet.Controller.Engine;
using Firmware.Fleet.Controller.Rollouts;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Tests.Engine;

[Trait("Category", "Unit")]
public sealed class FleetEngineTests : IDisposable
{
    private readonly EngineFixture _fleet = new(devices: 10);

    public void Dispose() => _fleet.Dispose();

    private static string[] Installed(IEnumerable<Outgoing> outgoing) =>
        [.. outgoing.OfType<PublishJob>().Where(p => p.Job.Action == JobAction.Install).Select(p => p.DeviceId).Order(StringComparer.Ordinal)];

    [Fact]
    public void Waves_go_out_one_after_another_with_a_soak_between()
    {
        var (rollout, first) = _fleet.Start("1,50%,100%", soak: "2m");
        Assert.Equal([1, 5, 10], rollout.Plan);
        var canary = Assert.Single(Installed(first));
        Assert.Equal(rollout.Devices[0], canary);
        var job = first.OfType<PublishJob>().Single().Job;
        Assert.Equal(_fleet.Bundle.Id, job.Bundle!.Id);
        Assert.Equal(_fleet.Bundle.Layout.Count, job.Bundle.Chunks);
        Assert.Contains((canary, job.JobId), _fleet.Downloads.Allowed);

        var done = _fleet.Commit(rollout.Id, canary);
        Assert.Contains(done, o => o is ClearJob c && c.DeviceId == canary);
        Assert.DoesNotContain((canary, job.JobId), _fleet.Downloads.Allowed);
        var soaking = Assert.IsType<Soaking>(_fleet.State(rollout.Id));
        Assert.Equal(_fleet.Clock.GetUtcNow().AddMinutes(2), soaking.Until);
        Assert.Empty(Installed(_fleet.Engine.Tick()));

        _fleet.Clock.Advance(TimeSpan.FromMinutes(2));
        var second = Installed(_fleet.Engine.Tick());
        Assert.Equal(rollout.Devices.Skip(1).Take(4).Order(StringComparer.Ordinal), second);
        foreach (var device in second)
        {
            _fleet.Commit(rollout.Id, device);
        }

        _fleet.Clock.Advance(TimeSpan.FromMinutes(2));
        var third = Installed(_fleet.Engine.Tick());
        Assert.Equal(5, third.Length);
        foreach (var device in third)
        {
            _fleet.Commit(rollout.Id, device);
        }

        _fleet.Clock.Advance(TimeSpan.FromMinutes(2));
        _fleet.Engine.Tick();
        Assert.IsType<Completed>(_fleet.State(rollout.Id));
        Assert.All(_fleet.Engine.Devices, d => Assert.Equal("2.0.0", d.Version));
    }

    [Fact]
    public void Failures_past_the_budget_abort_and_the_devices_in_trial_roll_back()
    {
        var (rollout, first) = _fleet.Start("100%", maxFailures: "1");
        Assert.Equal(10, Installed(first).Length);
        var d = rollout.Devices;
        _fleet.Report(rollout.Id, d[0], ProgressState.Accepted, ProgressState.Failed);
        Assert.IsType<Installing>(_fleet.State(rollout.Id));                  // one failure is within the budget
        _fleet.Report(rollout.Id, d[1], ProgressState.Accepted, ProgressState.Downloading, ProgressState.Verifying, ProgressState.Writing, ProgressState.Armed, ProgressState.Rebooting, ProgressState.Trial);
        _fleet.Report(rollout.Id, d[2], ProgressState.Accepted, ProgressState.Downloading);
        _fleet.Report(rollout.Id, d[3], ProgressState.Accepted, ProgressState.Downloading, ProgressState.Verifying, ProgressState.Writing);

        var aborted = _fleet.Report(rollout.Id, d[4], ProgressState.Accepted, ProgressState.RolledBack);
        var state = Assert.IsType<Aborted>(_fleet.State(rollout.Id));
        Assert.True(state.Automatic);
        Assert.Contains("failure budget", state.Reason, StringComparison.Ordinal);
        var rollback = Assert.Single(aborted.OfType<PublishJob>(), p => p.Job.Action == JobAction.Rollback);
        Assert.Equal(d[1], rollback.DeviceId);
        var cancels = aborted.OfType<PublishJob>().Where(p => p.Job.Action == JobAction.Cancel).Select(p => p.DeviceId).ToList();
        Assert.Contains(d[2], cancels);
        Assert.DoesNotContain(d[3], cancels);                                 // past the point a cancel stops
        Assert.DoesNotContain((d[2], rollout.Id + "-install"), _fleet.Downloads.Allowed);

        // The one that was writing reaches its trial after the abort: it is rolled back too.
        var late = _fleet.Report(rollout.Id, d[3], ProgressState.Armed);
        Assert.Equal(d[3], Assert.Single(late.OfType<PublishJob>()).DeviceId);

        // The device leaves its trial: both its jobs end, and the topic is cleared.
        var back = _fleet.ReportOn(rollback.Job.JobId, d[1], ProgressState.Reverting, ProgressState.RolledBack);
        Assert.Contains(back, o => o is ClearJob c && c.DeviceId == d[1]);
        Assert.All(_fleet.Engine.JobsOf(rollout.Id).Where(j => j.DeviceId == d[1]), j => Assert.True(j.IsTerminal));

        // The cancelled download is no failure: the count stays where the abort left it.
        _fleet.Report(rollout.Id, d[2], ProgressState.Cancelled);
        Assert.Equal(2, _fleet.Engine.JobsOf(rollout.Id).Count(j => j.IsFailure));
    }

    [Fact]
    public void A_wave_below_its_success_threshold_stops_the_rollout()
    {
        var (rollout, _) = _fleet.Start("1,100%", maxFailures: "50%");
        _fleet.Report(rollout.Id, rollout.Devices[0], ProgressState.Failed);
        var aborted = Assert.IsType<Aborted>(_fleet.State(rollout.Id));
        Assert.Contains("wave 1: 0 of 1 committed", aborted.Reason, StringComparison.Ordinal);
        Assert.Single(_fleet.Engine.JobsOf(rollout.Id));                      // no second wave
    }

    [Fact]
    public void Bad_health_in_the_soak_counts_against_the_budget()
    {
        var (rollout, _) = _fleet.Start("2,100%", soak: "10m");
        var (a, b) = (rollout.Devices[0], rollout.Devices[1]);
        _fleet.Commit(rollout.Id, a);
        _fleet.Commit(rollout.Id, b);
        Assert.IsType<Soaking>(_fleet.State(rollout.Id));
        _fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        _fleet.Telemetry(a, memoryAvailable: 0.5);
        _fleet.Engine.Tick();
        Assert.IsType<Soaking>(_fleet.State(rollout.Id));
        _fleet.Telemetry(b, memoryAvailable: 0.01);
        _fleet.Engine.Tick();
        Assert.Contains("failure budget", Assert.IsType<Aborted>(_fleet.State(rollout.Id)).Reason, StringComparison.Ordinal);
        Assert.Contains("memory available", _fleet.Engine.JobsOf(rollout.Id).Single(j => j.DeviceId == b).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_that_comes_back_on_its_old_version_fails_the_soak()
    {
        var (rollout, _) = _fleet.Start("1,100%", soak: "10m");
        var a = rollout.Devices[0];
        _fleet.Commit(rollout.Id, a);
        _fleet.Birth(a, "1.0.0");                                             // the bootloader fell back after the commit
        _fleet.Engine.Tick();
        Assert.IsType<Aborted>(_fleet.State(rollout.Id));
    }

    [Fact]
    public void Concurrent_installs_are_capped()
    {
        var (rollout, first) = _fleet.Start("100%", maxConcurrent: 3);
        Assert.Equal(3, Installed(first).Length);
        Assert.Empty(Installed(_fleet.Engine.Tick()));
        var next = _fleet.Commit(rollout.Id, rollout.Devices[0]);
        Assert.Single(Installed(next));
    }

    [Fact]
    public void Repeated_and_stale_progress_is_ignored()
    {
        var (rollout, _) = _fleet.Start("100%");
        var device = rollout.Devices[0];
        var job = rollout.Id + "-install";
        Report(2, ProgressState.Downloading, 5);
        Report(2, ProgressState.Failed, 5);                                   // same seq: a re-sent report
        Report(1, ProgressState.Failed, 0);                                   // lower seq
        var record = _fleet.Engine.JobsOf(rollout.Id).Single(j => j.DeviceId == device);
        Assert.Equal(ProgressState.Downloading, record.State);
        Assert.Equal(2, record.Seq);
        Assert.Empty(_fleet.Engine.OnProgress(device, new ProgressReport { JobId = "not-a-job", Seq = 9, State = ProgressState.Failed, ChunksDone = 0, ChunksTotal = 0 }));

        void Report(long seq, ProgressState state, int done) =>
            _fleet.Engine.OnProgress(device, new ProgressReport { JobId = job, Seq = seq, State = state, ChunksDone = done, ChunksTotal = 10 });
    }

    [Fact]
    public void Pause_holds_new_installs_and_resume_releases_them()
    {
        var (rollout, _) = _fleet.Start("1,100%");
        _fleet.Commit(rollout.Id, rollout.Devices[0]);
        Assert.True(_fleet.Engine.Pause(rollout.Id));
        Assert.False(_fleet.Engine.Pause(rollout.Id));
        _fleet.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(Installed(_fleet.Engine.Tick()));
        Assert.True(_fleet.Engine.Resume(rollout.Id));
        Assert.Equal(9, Installed(_fleet.Engine.Tick()).Length);
    }

    [Fact]
    public void Targets_follow_board_tag_version_and_list_and_skip_the_bundles_version()
    {
        _fleet.Birth("tagged", "1.0.0", "site=a");
        _fleet.Birth("current", "2.0.0", "site=a");
        var (rollout, _) = _fleet.Start("100%", target: "tag=site=a");
        Assert.Equal(["tagged"], rollout.Devices);
        Assert.Throws<ArgumentException>(() => _fleet.Start("100%", target: "devices=tagged"));   // busy with the first rollout
        Assert.Contains("never connected", Assert.Throws<ArgumentException>(() => _fleet.Start("100%", target: "devices=ghost")).Message, StringComparison.Ordinal);
        Assert.Equal(10, _fleet.Start("100%", target: "version=1.0.0,board=fuzz").Rollout.Devices.Count);
    }

    [Fact]
    public void A_job_past_its_deadline_expires_as_a_failure()
    {
        var (rollout, _) = _fleet.Engine.Start(new Api.RolloutRequest { BundleId = _fleet.Bundle.Id, Waves = "1", MaxFailures = "0", Deadline = "1h" }.ToSpec(), _fleet.Bundle);
        _fleet.Clock.Advance(TimeSpan.FromHours(1));
        var outgoing = _fleet.Engine.Tick();
        Assert.Contains(outgoing, o => o is ClearJob);
        Assert.True(_fleet.Engine.JobsOf(rollout.Id).Single().Expired);
        Assert.IsType<Aborted>(_fleet.State(rollout.Id));
    }

    [Fact]
    public void A_restarted_engine_resumes_the_wave_and_resends_unfinished_jobs()
    {
        var (rollout, _) = _fleet.Start("2,100%", soak: "1m");
        _fleet.Commit(rollout.Id, rollout.Devices[0]);
        _fleet.Report(rollout.Id, rollout.Devices[1], ProgressState.Accepted, ProgressState.Downloading);

        _fleet.Restart();
        Assert.Equal(new Installing(0), _fleet.State(rollout.Id));
        Assert.Contains((rollout.Devices[1], rollout.Id + "-install"), _fleet.Downloads.Allowed);
        var resent = _fleet.Engine.Resend();
        Assert.Equal(rollout.Devices[1], Assert.Single(resent.OfType<PublishJob>()).DeviceId);
        Assert.Empty(_fleet.Report(rollout.Id, rollout.Devices[1], ProgressState.Downloading).OfType<PublishJob>());   // seq 3 after 2: taken
        _fleet.Commit(rollout.Id, rollout.Devices[1]);
        _fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(8, Installed(_fleet.Engine.Tick()).Length);
        Assert.Equal(10, _fleet.Engine.Devices.Count);
    }
}
