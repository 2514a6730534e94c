using Firmware.Fleet.Controller.Rollouts;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Tests.Engine;

/// <summary>
/// The device runtime publishes its birth when it connects, and on a trial boot that is before it
/// commits: the birth still names the old version. The commit report is what says the device runs
/// the new one.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CommitVersionTests : IDisposable
{
    private readonly EngineFixture _fleet = new(devices: 2);

    public void Dispose() => _fleet.Dispose();

    [Fact]
    public void A_device_whose_trial_birth_names_the_old_version_passes_the_soak_once_it_commits()
    {
        var (rollout, _) = _fleet.Start("1,100%", soak: "1m");
        var canary = rollout.Devices[0];
        _fleet.Report(rollout.Id, canary, ProgressState.Accepted, ProgressState.Downloading, ProgressState.Verifying, ProgressState.Writing, ProgressState.Armed, ProgressState.Rebooting);
        _fleet.Birth(canary, "1.0.0");                                  // connected on trial, not committed yet
        _fleet.Report(rollout.Id, canary, ProgressState.Trial, ProgressState.Committed);

        Assert.Equal(_fleet.Bundle.Version, _fleet.Engine.Devices.Single(d => d.Id == canary).Version);
        _fleet.Clock.Advance(TimeSpan.FromMinutes(2));
        _fleet.Engine.Tick();
        Assert.IsNotType<Aborted>(_fleet.State(rollout.Id));
        Assert.False(_fleet.Engine.JobsOf(rollout.Id).Single(j => j.DeviceId == canary).HealthFailed);
    }
}
