using System.Text.Json;
using Firmware.Fleet.Controller.Devices;
using Firmware.Fleet.Controller.Engine;
using Firmware.Fleet.Controller.Rollouts;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Api;

/// <summary>Turns the engine's records into the API's views (on the engine's loop).</summary>
public static class Views
{
    /// <summary>Every device, by id.</summary>
    public static DeviceView[] Devices(FleetEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return [.. engine.Devices.OrderBy(d => d.Id, StringComparer.Ordinal).Select(Device)];
    }

    /// <summary>One device.</summary>
    public static DeviceView Device(DeviceRecord d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.Birth?.Board, d.Version, d.Birth?.Slot, d.Birth?.Tags ?? [], d.Online, d.LastSeen, Wire(d.Health?.Status ?? HealthStatus.Unknown), d.Health?.Problem,
            d.Health?.CpuPercent, d.Health?.MemoryAvailable, d.Job, d.JobState, d.ChunksDone, d.ChunksTotal);
    }

    /// <summary>One rollout with its jobs.</summary>
    public static RolloutView Rollout(FleetEngine engine, Rollout r)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(r);
        var jobs = engine.JobsOf(r.Id).OrderBy(j => j.Wave).ThenBy(j => j.DeviceId, StringComparer.Ordinal).ToList();
        var installs = jobs.Where(j => j.Action == JobAction.Install).ToList();
        return new RolloutView(
            r.Id, r.Spec.BundleId, r.Version, r.State.Name, (r.State as Aborted)?.Reason, r.Wave, r.WavesDone, r.Plan, r.Devices.Count,
            installs.Count,
            installs.Count(j => !j.IsTerminal),
            installs.Count(j => j.State == ProgressState.Committed && !j.HealthFailed),
            installs.Count(j => j.IsFailure),
            r.FailureBudget,
            installs.Count(j => j.State == ProgressState.RolledBack),
            installs.Count(j => j.State == ProgressState.Cancelled),
            (r.State as Soaking)?.Until ?? ((r.State as Paused)?.Resume as Soaking)?.Until,
            r.Created,
            r.Updated,
            [.. jobs.Select(j => new JobView(j.DeviceId, j.JobId, Wire(j.Action), j.Wave, JobState(j), j.ChunksDone, j.ChunksTotal, j.Error))]);
    }

    /// <summary>The wire name of an enum value (camelCase, as in protocol.md).</summary>
    public static string Wire<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string JobState(JobRecord j) =>
        j.Expired ? "expired" : j.HealthFailed ? "unhealthy" : j.State is { } s ? Wire(s) : j.Cancelling ? "cancelling" : "queued";
}
