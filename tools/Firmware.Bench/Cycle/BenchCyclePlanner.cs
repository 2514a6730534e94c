using Firmware.Bench.Wiring;

namespace Firmware.Bench.Cycle;

/// <summary>Turns a board's wiring and a request into a <see cref="BenchCyclePlan"/>.</summary>
public static class BenchCyclePlanner
{
    /// <summary>Plans power off, settle, flash, (boot mode), power on, wait for the marker.</summary>
    /// <param name="wiring">The board's wiring.</param>
    /// <param name="request">What to wait for.</param>
    /// <param name="image">The image, for the flash step's description.</param>
    /// <param name="target">The flash target, likewise.</param>
    /// <param name="console">The console device, likewise.</param>
    public static BenchCyclePlan Plan(BenchWiring wiring, BenchCycleRequest request, string image, string target, string console)
    {
        ArgumentNullException.ThrowIfNull(wiring);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Marker, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.Timeout, TimeSpan.Zero, nameof(request));
        var steps = new List<BenchStep>
        {
            new(BenchStepKind.PowerOff, $"power off (line {wiring.Power})"),
            new(BenchStepKind.Settle, $"wait {wiring.Settle.TotalMilliseconds:0} ms with the board off"),
            new(BenchStepKind.Flash, $"flash {image} to {target}{(request.Verify ? ", then read it back" : "")}"),
        };
        if (wiring.BootMode is { } bootMode)
        {
            steps.Add(new(BenchStepKind.AssertBootMode, $"assert boot-mode (line {bootMode})"));
        }

        steps.Add(new(BenchStepKind.PowerOn, $"power on (line {wiring.Power})"));
        steps.Add(new(BenchStepKind.WaitForMarker, $"wait up to {request.Timeout.TotalSeconds:0.###} s for '{request.Marker}' on {console}"));
        if (wiring.BootMode is { } strap)
        {
            steps.Add(new(BenchStepKind.ReleaseBootMode, $"release boot-mode (line {strap})"));
        }

        return new BenchCyclePlan(steps, wiring, request);
    }
}
