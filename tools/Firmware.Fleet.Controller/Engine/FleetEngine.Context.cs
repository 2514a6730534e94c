using Firmware.Fleet.Controller.Devices;
using Firmware.Fleet.Controller.Rollouts;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Engine;

/// <summary>The rollout context the states step against.</summary>
public sealed partial class FleetEngine
{
    private sealed class Context(FleetEngine engine, Rollout rollout) : IRolloutContext
    {
        public List<Outgoing> Outgoing { get; } = [];

        public DateTimeOffset Now { get; } = engine._clock.GetUtcNow();

        public int Waves => rollout.Plan.Count;

        public int Failures => Installs.Count(j => j.IsFailure);

        public int FailureBudget => rollout.FailureBudget;

        public double SuccessThreshold => rollout.Spec.SuccessThreshold;

        public TimeSpan Soak => rollout.Spec.Soak;

        private IEnumerable<JobRecord> Installs => engine.InstallsOf(rollout.Id).Values;

        public void StartInstalls(int wave)
        {
            var started = engine.InstallsOf(rollout.Id);
            var inFlight = started.Values.Count(j => !j.IsTerminal);
            var bundle = engine._bundles(rollout.Spec.BundleId);
            if (bundle is null)
            {
                engine._log($"rollout {rollout.Id}: bundle {rollout.Spec.BundleId} is not in the store; no installs start");
                return;
            }

            foreach (var deviceId in rollout.Devices.Take(rollout.Plan[wave]).Where(d => !started.ContainsKey(d)).ToList())
            {
                if (inFlight >= rollout.Spec.MaxConcurrent)
                {
                    break;
                }

                var job = engine.Save(new JobRecord
                {
                    JobId = rollout.Id + "-install",
                    RolloutId = rollout.Id,
                    DeviceId = deviceId,
                    Action = JobAction.Install,
                    BundleId = bundle.Id,
                    Wave = wave,
                    Created = Now,
                    Deadline = Now + rollout.Spec.JobLifetime,
                    ChunksTotal = bundle.Layout.Count,
                });
                engine._gate.Allow(deviceId, job.JobId, bundle.Id);
                if (engine._devices.TryGetValue(deviceId, out var device))
                {
                    engine.Save(device with { Job = job.JobId, JobState = "queued", ChunksDone = 0, ChunksTotal = job.ChunksTotal });
                }

                Outgoing.Add(new PublishJob(deviceId, engine.Document(job)!));
                inFlight++;
            }
        }

        public bool WaveSettled(int wave)
        {
            var jobs = engine.InstallsOf(rollout.Id);
            return rollout.WaveDevices(wave).All(d => jobs.TryGetValue(d, out var job) && job.IsTerminal);
        }

        public (int Committed, int Size) WaveResult(int wave)
        {
            var jobs = engine.InstallsOf(rollout.Id);
            var devices = rollout.WaveDevices(wave).ToList();
            return (devices.Count(d => jobs.TryGetValue(d, out var job) && job.State == ProgressState.Committed && !job.HealthFailed), devices.Count);
        }

        public void CheckHealth(int wave)
        {
            foreach (var job in Installs.Where(j => j.Wave <= wave && j.State == ProgressState.Committed && !j.HealthFailed).ToList())
            {
                if (engine._devices.GetValueOrDefault(job.DeviceId) is not { } device)
                {
                    continue;
                }

                var problem = device.Version != rollout.Version && device.Online ? $"runs {device.Version} again"
                    : device.Health is { Status: HealthStatus.Bad } h && h.Time > job.Finished ? h.Problem
                    : null;
                if (problem is not null)
                {
                    engine._log($"rollout {rollout.Id}: {job.DeviceId} unhealthy in the soak: {problem}");
                    engine.Save(job with { HealthFailed = true, Error = $"soak: {problem}" });
                }
            }
        }

        public RolloutState Abort(string reason, bool automatic)
        {
            engine._log($"rollout {rollout.Id}: aborting: {reason}");
            foreach (var job in Installs.Where(j => !j.IsTerminal).ToList())
            {
                if (job.InTrial)
                {
                    Outgoing.AddRange(RollBack(job));
                }
                else if (job.State is null or ProgressState.Accepted or ProgressState.Downloading)
                {
                    // Nothing has reached the slot: a cancel under the same job id stops it (protocol.md 3.3).
                    engine._gate.Revoke(job.DeviceId, job.JobId);
                    var cancelling = engine.Save(job with { Cancelling = true, Recalled = true });
                    Outgoing.Add(new PublishJob(job.DeviceId, engine.Document(cancelling)!));
                }
            }

            return new Aborted(reason, automatic, rollout.State.Wave);
        }

        public IEnumerable<Outgoing> RollBack(JobRecord install)
        {
            var id = install.JobId.Replace("-install", "-rollback", StringComparison.Ordinal);
            if (engine._jobs.ContainsKey(JobRecord.KeyOf(install.DeviceId, id)))
            {
                return [];
            }

            engine.Save(install with { Recalled = true });
            var job = engine.Save(new JobRecord
            {
                JobId = id,
                RolloutId = rollout.Id,
                DeviceId = install.DeviceId,
                Action = JobAction.Rollback,
                Wave = install.Wave,
                Created = Now,
                Deadline = Now + rollout.Spec.JobLifetime,
            });
            return [new PublishJob(job.DeviceId, engine.Document(job)!)];
        }
    }
}
