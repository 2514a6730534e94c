namespace Firmware.Bench.Cycle;

/// <summary>One step of a bench cycle.</summary>
/// <param name="Kind">What the step does.</param>
/// <param name="Description">The step for people: "power off (line 17, active high)".</param>
public sealed record BenchStep(BenchStepKind Kind, string Description);
