namespace Firmware.Bench.Cycle;

/// <summary>A step of a running cycle started or finished.</summary>
/// <param name="Step">The step.</param>
/// <param name="Finished">False when it starts, true when it ends.</param>
/// <param name="Elapsed">Time since the cycle started.</param>
public readonly record struct BenchCycleProgress(BenchStep Step, bool Finished, TimeSpan Elapsed);
