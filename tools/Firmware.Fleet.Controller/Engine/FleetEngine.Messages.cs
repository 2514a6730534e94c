using Firmware.Fleet.Controller.Devices;
using Firmware.Fleet.Controller.Rollouts;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Engine;

/// <summary>The device messages: births and wills, telemetry, progress (docs/protocol.md 3.1, 3.2, 3.4).</summary>
public sealed partial class FleetEngine
{
    /// <summary>Takes a retained birth or will of <paramref name="deviceId"/> (already checked to name the topic's device).</summary>
    public void OnState(string deviceId, DeviceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var device = _devices.GetValueOrDefault(deviceId) ?? new DeviceRecord { Id = deviceId };
        Save(state.State == DeviceStatus.Offline
            ? device with { Online = false, LastSeen = _clock.GetUtcNow() }
            : device with { Online = true, Birth = state, LastSeen = _clock.GetUtcNow() });
    }

    /// <summary>Takes a telemetry batch: the newest sample not seen yet becomes the device's health; older or repeated ones (a re-sent ring) are dropped.</summary>
    public void OnTelemetry(string deviceId, TelemetryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var device = _devices.GetValueOrDefault(deviceId) ?? new DeviceRecord { Id = deviceId };
        var health = device.Health;
        foreach (var sample in batch.Samples)
        {
            if (HealthSummary.FromSample(sample, _limits) is not { } summary)
            {
                _counters.Add(ControllerCounter.MessagesDropped);
                _log($"telemetry from {deviceId}: a sample without a readable 'time' dropped");
            }
            else if (health is null || summary.Time > health.Time)
            {
                health = summary;
            }
        }

        Save(device with { Health = health, LastSeen = _clock.GetUtcNow() });
    }

    /// <summary>Takes a progress report; returns what to publish. Reports for unknown jobs and repeated seqs are dropped.</summary>
    public IReadOnlyList<Outgoing> OnProgress(string deviceId, ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!_jobs.TryGetValue(JobRecord.KeyOf(deviceId, report.JobId), out var job))
        {
            _counters.Add(ControllerCounter.MessagesDropped);
            _log($"progress from {deviceId}: no job {report.JobId}");
            return [];
        }

        if (report.Seq <= job.Seq)
        {
            // A repeat, or a report overtaken by a later one: the later state is already taken (protocol.md 3.4).
            _counters.Add(ControllerCounter.StaleProgress);
            return [];
        }

        var now = _clock.GetUtcNow();
        var wasTerminal = job.IsTerminal;
        job = Save(job with
        {
            Seq = report.Seq,
            State = wasTerminal ? job.State : report.State,
            ChunksDone = report.ChunksDone,
            ChunksTotal = report.ChunksTotal,
            Error = report.Error is { } e ? $"{e.Code}: {e.Detail}" : job.Error,
            Finished = !wasTerminal && report.IsTerminal ? now : job.Finished,
        });
        if (_devices.TryGetValue(deviceId, out var device) && !wasTerminal)
        {
            // A terminal report leaves the device's current job to Finish, which clears it. A commit
            // means the device runs the rollout's version now; its birth, published when it
            // connected on trial, names the old one until it reconnects, and the soak would read
            // that as a device back on the old version.
            var birth = job.State == ProgressState.Committed && job.Action == JobAction.Install && device.Birth is { } b && _rollouts.GetValueOrDefault(job.RolloutId) is { } r
                ? b with { Version = r.Version }
                : device.Birth;
            Save(device with { Birth = birth, Job = job.IsTerminal ? device.Job : job.JobId, JobState = Wire(job.State), ChunksDone = job.ChunksDone, ChunksTotal = job.ChunksTotal, LastSeen = now });
        }

        var outgoing = new List<Outgoing>();
        if (job.IsTerminal && !wasTerminal)
        {
            _log($"job {job.JobId} on {deviceId}: {Wire(job.State)}{(job.Error is { } error ? $" ({error})" : "")}");
            if (job.State == ProgressState.RolledBack)
            {
                // The device left its trial: whichever of the install and the rollback job it reported
                // on, the other one of the same rollout is done too.
                foreach (var other in _jobs.Values.Where(j => j.DeviceId == deviceId && j.RolloutId == job.RolloutId && j.JobId != job.JobId && !j.IsTerminal).ToList())
                {
                    _gate.Revoke(other.DeviceId, other.JobId);
                    Save(other with { State = ProgressState.RolledBack, Finished = now, Cleared = true });
                }
            }

            outgoing.AddRange(Finish(job));
        }
        else if (job.InTrial && _rollouts.GetValueOrDefault(job.RolloutId)?.State is Aborted)
        {
            // It reached its trial after the abort (it was past the point a cancel stops).
            outgoing.AddRange(new Context(this, _rollouts[job.RolloutId]).RollBack(job));
        }

        if (_rollouts.TryGetValue(job.RolloutId, out var rollout) && !rollout.State.IsTerminal)
        {
            outgoing.AddRange(Step(rollout.Id));
        }

        return outgoing;
    }
}
