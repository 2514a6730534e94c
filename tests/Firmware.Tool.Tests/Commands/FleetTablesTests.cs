using Firmware.Fleet.Controller.Api;
using Firmware.Tool.Commands;

namespace Firmware.Tool.Tests.Commands;

/// <summary>How <c>fleet watch</c> and <c>rollout status</c> show a rollout's waves, live and once it has ended.</summary>
[Trait("Category", "Unit")]
public sealed class FleetTablesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static RolloutView View(string id, string state, int wave, int wavesDone, DateTimeOffset updated) =>
        new(id, new string('0', 64), "2.0.0", state, state == "aborted" ? "aborted by the operator" : null, wave, wavesDone, [1, 10, 100], 100,
            100, 0, 100, 0, 0, 0, 0, null, Start, updated, []);

    [Fact]
    public void A_live_rollout_shows_the_wave_it_is_in()
    {
        var lines = FleetTables.Rollout(View("r1", "installing", 1, 1, Start)).ToList();
        Assert.StartsWith("  wave 2 of 3 (ends at 1, 10, 100 of 100 devices)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_completed_rollout_shows_every_wave_done_not_its_first()
    {
        var lines = FleetTables.Rollout(View("r1", "completed", 2, 3, Start)).ToList();
        Assert.Contains("completed", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("  all 3 waves done", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("wave 1 of 3", string.Join('\n', lines), StringComparison.Ordinal);
    }

    [Fact]
    public void An_aborted_rollout_shows_where_it_stopped()
    {
        var lines = FleetTables.Rollout(View("r1", "aborted", 1, 1, Start)).ToList();
        Assert.StartsWith("  stopped in wave 2 of 3, 1 wave done", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Watch_keeps_rollouts_that_ended_while_it_watched_and_hides_older_ones()
    {
        var rollouts = new[]
        {
            View("live", "soaking", 0, 0, Start.AddMinutes(-5)),
            View("ended-before", "completed", 2, 3, Start.AddMinutes(-1)),
            View("ended-while-watching", "completed", 2, 3, Start.AddMinutes(1)),
            View("aborted-while-watching", "aborted", 0, 0, Start.AddSeconds(1)),
        };

        Assert.Equal(["live", "ended-while-watching", "aborted-while-watching"], FleetTables.Watched(rollouts, Start).Select(r => r.Id));
    }
}
