using Firmware.Bench.Wiring;

namespace Firmware.Bench.Cycle;

/// <summary>What a bench cycle will do, step by step. Pure data: tests assert it, <c>--dry-run</c> prints it.</summary>
/// <param name="Steps">The steps, in order.</param>
/// <param name="Wiring">The board's wiring.</param>
/// <param name="Request">What to wait for.</param>
public sealed record BenchCyclePlan(IReadOnlyList<BenchStep> Steps, BenchWiring Wiring, BenchCycleRequest Request);
