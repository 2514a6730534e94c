using Firmware.Bench.Cycle;
using Firmware.Bench.Wiring;

namespace Firmware.Bench.Tests.Cycle;

[Trait("Category", "Unit")]
public sealed class BenchCyclePlannerTests
{
    private static readonly BenchCycleRequest Request = new() { Marker = "login:", Timeout = TimeSpan.FromSeconds(120) };

    [Fact]
    public void Without_boot_mode_a_cycle_is_off_settle_flash_on_wait()
    {
        var wiring = new BenchWiring { Source = "t", Power = new GpioLine(17, false) };

        var plan = BenchCyclePlanner.Plan(wiring, Request, "os.img", "/dev/sdz", "/dev/ttyUSB0");

        Assert.Equal(
            [BenchStepKind.PowerOff, BenchStepKind.Settle, BenchStepKind.Flash, BenchStepKind.PowerOn, BenchStepKind.WaitForMarker],
            plan.Steps.Select(s => s.Kind));
        Assert.Equal("wait up to 120 s for 'login:' on /dev/ttyUSB0", plan.Steps[^1].Description);
        Assert.Equal("flash os.img to /dev/sdz, then read it back", plan.Steps[2].Description);
    }

    [Fact]
    public void Boot_mode_is_asserted_before_power_on_and_released_after_the_marker()
    {
        var wiring = new BenchWiring { Source = "t", Power = new GpioLine(17, true), BootMode = new GpioLine(22, false) };

        var plan = BenchCyclePlanner.Plan(wiring, Request with { Verify = false }, "os.img", "out.img", "/dev/pts/3");

        Assert.Equal(
            [BenchStepKind.PowerOff, BenchStepKind.Settle, BenchStepKind.Flash, BenchStepKind.AssertBootMode, BenchStepKind.PowerOn, BenchStepKind.WaitForMarker, BenchStepKind.ReleaseBootMode],
            plan.Steps.Select(s => s.Kind));
        Assert.Equal("power off (line 17, active low)", plan.Steps[0].Description);
        Assert.Equal("flash os.img to out.img", plan.Steps[2].Description);
    }

    [Fact]
    public void An_empty_marker_or_no_time_to_wait_is_refused()
    {
        var wiring = new BenchWiring { Source = "t", Power = new GpioLine(17, false) };

        Assert.Equal("request", Assert.Throws<ArgumentException>(() => BenchCyclePlanner.Plan(wiring, Request with { Marker = "" }, "i", "t", "c")).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentOutOfRangeException>(() => BenchCyclePlanner.Plan(wiring, Request with { Timeout = TimeSpan.Zero }, "i", "t", "c")).ParamName);
    }
}
