using Firmware.Fleet.Controller.Api;
using Firmware.Fleet.Controller.Rollouts;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Tests.Engine;

/// <summary>A rollout that has ended says how far it got: all its waves, or the wave it stopped in (and after a restart too).</summary>
[Trait("Category", "Unit")]
public sealed class RolloutEndTests : IDisposable
{
    private readonly EngineFixture _fleet = new(devices: 4);

    public void Dispose() => _fleet.Dispose();

    [Fact]
    public void A_completed_rollout_shows_its_last_wave_and_every_wave_done()
    {
        var (rollout, _) = _fleet.Start("1,2,100%", soak: "1m");
        foreach (var (from, to) in new[] { (0, 1), (1, 2), (2, 4) })
        {
            foreach (var device in rollout.Devices.Take(to).Skip(from))
            {
                _fleet.Commit(rollout.Id, device);
            }

            _fleet.Clock.Advance(TimeSpan.FromMinutes(1));
            _fleet.Engine.Tick();
        }

        Assert.IsType<Completed>(_fleet.State(rollout.Id));
        AssertEnded(rollout.Id, "completed", wave: 2, wavesDone: 3);
        _fleet.Restart();
        AssertEnded(rollout.Id, "completed", wave: 2, wavesDone: 3);
    }

    [Fact]
    public void An_aborted_rollout_shows_the_wave_it_stopped_in()
    {
        var (rollout, _) = _fleet.Start("1,100%", soak: "1m", maxFailures: "1");
        _fleet.Commit(rollout.Id, rollout.Devices[0]);
        _fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        _fleet.Engine.Tick();
        Assert.Equal(1, Assert.IsType<Installing>(_fleet.State(rollout.Id)).Index);
        _fleet.Report(rollout.Id, rollout.Devices[1], ProgressState.Failed);
        _fleet.Report(rollout.Id, rollout.Devices[2], ProgressState.Failed);

        Assert.Equal(1, Assert.IsType<Aborted>(_fleet.State(rollout.Id)).Index);
        AssertEnded(rollout.Id, "aborted", wave: 1, wavesDone: 1);
        _fleet.Restart();
        AssertEnded(rollout.Id, "aborted", wave: 1, wavesDone: 1);
    }

    private void AssertEnded(string id, string state, int wave, int wavesDone)
    {
        var view = Views.Rollout(_fleet.Engine, _fleet.Engine.Rollout(id)!);
        Assert.Equal(state, view.State);
        Assert.Equal(wave, view.Wave);
        Assert.Equal(wavesDone, view.WavesDone);
    }
}
