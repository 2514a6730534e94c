using Firmware.Fleet.Controller.Engine;
using Firmware.Fleet.Controller.Rollouts;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Tests.Engine;

/// <summary>
/// Issue 6, "Lost messages": progress is QoS 1 and carries a seq, and each report holds the whole
/// state, so a report that never arrives leaves nothing behind: the next one moves the job on.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LostProgressTests : IDisposable
{
    private readonly EngineFixture _fleet = new(devices: 2);

    public void Dispose() => _fleet.Dispose();

    [Fact]
    public void A_job_whose_middle_reports_were_lost_still_commits_and_the_rollout_moves_on()
    {
        var (rollout, _) = _fleet.Start("1,100%", soak: "1m");
        var canary = rollout.Devices[0];
        var job = $"{rollout.Id}-install";
        _fleet.Engine.OnProgress(canary, Report(job, 1, ProgressState.Accepted));
        // Seqs 2 to 7 (downloading .. trial) are lost; the device's birth after the reboot still names the old version.
        _fleet.Birth(canary, "1.0.0");
        _fleet.Engine.OnProgress(canary, Report(job, 8, ProgressState.Committed) with { Outcome = JobOutcome.Committed });

        Assert.Equal(ProgressState.Committed, _fleet.Engine.JobsOf(rollout.Id).Single(j => j.DeviceId == canary).State);
        Assert.IsType<Soaking>(_fleet.State(rollout.Id));
        _fleet.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains(_fleet.Engine.Tick().OfType<PublishJob>(), p => p.DeviceId == rollout.Devices[1]);
        Assert.IsType<Installing>(_fleet.State(rollout.Id));
    }

    private static ProgressReport Report(string jobId, long seq, ProgressState state) =>
        new() { JobId = jobId, Seq = seq, State = state, ChunksDone = 4, ChunksTotal = 4 };
}
