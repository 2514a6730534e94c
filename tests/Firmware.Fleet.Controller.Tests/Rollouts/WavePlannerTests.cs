using Firmware.Fleet.Controller.Rollouts;

namespace Firmware.Fleet.Controller.Tests.Rollouts;

[Trait("Category", "Unit")]
public sealed class WavePlannerTests
{
    [Theory]
    [InlineData("1,10%,100%", 50, new[] { 1, 5, 50 })]
    [InlineData("1,10%,100%", 3, new[] { 1, 3 })]          // 10% of 3 is one device: no new device, so no wave
    [InlineData("1,10%,100%", 1, new[] { 1 })]
    [InlineData("2,5,100%", 4, new[] { 2, 4 })]            // counts past the fleet are clamped
    [InlineData("25%,50%", 10, new[] { 3, 5 })]            // percentages round up; devices past the last wave are not hit
    [InlineData("0.1%,100%", 10_000, new[] { 10, 10_000 })]
    public void Waves_are_cumulative_boundaries(string waves, int total, int[] expected) =>
        Assert.Equal(expected, WavePlanner.Plan(RolloutArguments.Waves(waves), total));

    [Fact]
    public void An_empty_fleet_has_no_wave() =>
        Assert.Empty(WavePlanner.Plan(RolloutArguments.Waves("1,100%"), 0));

    [Theory]
    [InlineData("5%", 50, 2)]                              // the failure budget rounds down
    [InlineData("5%", 10, 0)]
    [InlineData("3", 2, 2)]
    public void The_failure_budget_rounds_down(string text, int total, int expected) =>
        Assert.Equal(expected, RolloutArguments.Count(text, "--max-failures").Of(total, roundUp: false));
}
