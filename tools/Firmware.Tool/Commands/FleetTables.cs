using System.Globalization;
using Firmware.Fleet.Controller.Api;

namespace Firmware.Tool.Commands;

/// <summary>Devices and rollouts as text for people: fixed columns, progress bars.</summary>
internal static class FleetTables
{
    private const int BarWidth = 20;

    public static IEnumerable<string> Devices(IReadOnlyList<DeviceView> devices, DateTimeOffset now)
    {
        yield return $"{"DEVICE",-20} {"ONLINE",-7} {"VERSION",-10} {"SLOT",-4} {"HEALTH",-8} {"SEEN",-6} {"JOB",-22} PROGRESS";
        foreach (var d in devices)
        {
            yield return Device(d, now);
        }
    }

    public static string Device(DeviceView d, DateTimeOffset now) =>
        $"{Cut(d.Id, 20),-20} {(d.Online ? "yes" : "no"),-7} {Cut(d.Version ?? "-", 10),-10} {d.Slot ?? "-",-4} {d.Health + (d.HealthProblem is null ? "" : "!"),-8} {Ago(d.LastSeen, now),-6} {Cut(d.JobState ?? "-", 22),-22} {(d.ChunksTotal > 0 && d.JobState is not null ? Bar(d.ChunksDone, d.ChunksTotal) : "")}";

    public static IEnumerable<string> Rollout(RolloutView r)
    {
        yield return $"rollout {r.Id}: {r.Version} ({r.BundleId[..12]}), {r.State}{(r.Reason is null ? "" : $": {r.Reason}")}";
        yield return $"  {Waves(r)} (ends at {string.Join(", ", r.Plan)} of {r.Targets} devices){(r.SoakUntil is { } s ? $", soak until {s:HH:mm:ss}" : "")}";
        yield return $"  {Bar(r.Committed, r.Targets)} committed {r.Committed}, in flight {r.InFlight}, failed {r.Failures} (budget {r.FailureBudget}), rolled back {r.RolledBack}, cancelled {r.Cancelled}";
    }

    /// <summary>
    /// The rollouts a watch started at <paramref name="since"/> shows: every live one, and those that
    /// ended while it watched, in their final state (a rollout followed to its end stays on screen).
    /// </summary>
    public static IEnumerable<RolloutView> Watched(IEnumerable<RolloutView> rollouts, DateTimeOffset since) =>
        rollouts.Where(r => r.State is not ("completed" or "aborted") || r.Updated >= since);

    /// <summary>Where the rollout is among its waves; once it has ended, how far it got.</summary>
    public static string Waves(RolloutView r) => r.State switch
    {
        "completed" => $"all {r.Plan.Count} waves done",
        "aborted" => $"stopped in wave {r.Wave + 1} of {r.Plan.Count}, {r.WavesDone} {(r.WavesDone == 1 ? "wave" : "waves")} done",
        _ => $"wave {r.Wave + 1} of {r.Plan.Count}",
    };

    public static IEnumerable<string> Rollouts(IReadOnlyList<RolloutView> rollouts)
    {
        yield return $"{"ROLLOUT",-14} {"VERSION",-10} {"STATE",-10} {"WAVE",-6} {"DONE",-12} FAILED";
        foreach (var r in rollouts)
        {
            yield return $"{r.Id,-14} {Cut(r.Version, 10),-10} {r.State,-10} {$"{r.Wave + 1}/{r.Plan.Count}",-6} {$"{r.Committed}/{r.Targets}",-12} {r.Failures}/{r.FailureBudget}";
        }
    }

    public static string Bar(int done, int total)
    {
        var filled = total == 0 ? 0 : (int)Math.Round(BarWidth * (double)done / total);
        return $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {(total == 0 ? 0 : 100 * done / total),3}%";
    }

    private static string Ago(DateTimeOffset? time, DateTimeOffset now) => time is not { } t ? "-"
        : (now - t).TotalSeconds < 60 ? ((int)(now - t).TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
        : (now - t).TotalMinutes < 60 ? ((int)(now - t).TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m"
        : ((int)(now - t).TotalHours).ToString(CultureInfo.InvariantCulture) + "h";

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "~";
}
