using System.Globalization;
using Firmware.Cli;
using Firmware.Fleet.Controller.Api;

namespace Firmware.Tool.Demo;

/// <summary>How one of the demo's rollouts ended: its last view, how long it took and the chunk bytes the controller served for it.</summary>
internal sealed record DemoRolloutResult(string Label, RolloutView View, TimeSpan Elapsed, long BytesServed)
{
    /// <summary>The summary line, e.g. <c>good 1.1.0: completed, all 3 waves (1, 5, 50), 50 of 50 started, 50 of 50 committed, 0 rolled back, 0 failed, 18.0 s, 20.8 MiB served</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Label} {View.Version}: {View.State}{(View.Reason is { } r ? $" ({r})" : "")}, {(View.State == "completed" ? "all " + View.Plan.Count + " waves" : $"stopped in wave {View.Wave + 1} of {View.Plan.Count}")} ({string.Join(", ", View.Plan)}), " +
        $"{View.Started} of {View.Targets} started, {View.Committed} of {View.Targets} committed, {View.RolledBack} rolled back, {View.Failures} failed, " +
        $"{Elapsed.TotalSeconds:0.0} s, {Units.Bytes(BytesServed)} served");
}
