using System.Security.Cryptography;
using System.Text.Json;
using Firmware.Fleet.Controller.Bundles;
using Firmware.Fleet.Controller.Devices;
using Firmware.Fleet.Controller.Rollouts;
using Firmware.Fleet.Controller.Storage;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Engine;

/// <summary>
/// The controller's state and decisions: the device registry, the rollouts and their jobs. Each
/// call writes its changes to the database first and returns the messages to publish, so what a
/// device was told is always on disk. Not thread-safe: <see cref="FleetController"/> calls it from
/// one loop.
/// </summary>
public sealed partial class FleetEngine
{
    private readonly FleetDatabase _database;
    private readonly Func<string, StoredBundle?> _bundles;
    private readonly IDownloadGate _gate;
    private readonly TimeProvider _clock;
    private readonly HealthLimits _limits;
    private readonly ControllerCounters _counters;
    private readonly Action<string> _log;
    private readonly Dictionary<string, DeviceRecord> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Rollout> _rollouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);

    // Install jobs by rollout, then by device: the index every rollout step reads, so a step costs
    // the rollout's size and no allocation, not a scan of every job ever made.
    private readonly Dictionary<string, Dictionary<string, JobRecord>> _installs = new(StringComparer.Ordinal);

    /// <summary>Loads the state from <paramref name="database"/>.</summary>
    public FleetEngine(FleetDatabase database, Func<string, StoredBundle?> bundles, IDownloadGate gate, TimeProvider clock, HealthLimits limits, ControllerCounters counters, Action<string> log)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _bundles = bundles ?? throw new ArgumentNullException(nameof(bundles));
        _gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        foreach (var device in database.Devices())
        {
            _devices[device.Id] = device;
        }

        foreach (var rollout in database.Rollouts())
        {
            _rollouts[rollout.Id] = rollout;
        }

        foreach (var job in database.Jobs())
        {
            Index(job);
            if (job is { Action: JobAction.Install, IsTerminal: false, Cancelling: false, BundleId: { } bundle })
            {
                gate.Allow(job.DeviceId, job.JobId, bundle);
            }
        }
    }

    /// <summary>The devices known, by id.</summary>
    public IReadOnlyCollection<DeviceRecord> Devices => _devices.Values;

    /// <summary>The rollouts, oldest first.</summary>
    public IEnumerable<Rollout> Rollouts => _rollouts.Values.OrderBy(r => r.Created);

    /// <summary>Every job.</summary>
    public IReadOnlyCollection<JobRecord> Jobs => _jobs.Values;

    /// <summary>The bundles the rollouts use (loaded before serving).</summary>
    public IEnumerable<string> BundleIds => _rollouts.Values.Select(r => r.Spec.BundleId).Distinct();

    /// <summary>The rollout <paramref name="id"/>, or null.</summary>
    public Rollout? Rollout(string id) => _rollouts.GetValueOrDefault(id);

    /// <summary>The jobs of rollout <paramref name="id"/>.</summary>
    public IEnumerable<JobRecord> JobsOf(string id) => _jobs.Values.Where(j => j.RolloutId == id);

    /// <summary>
    /// What a (re)connected controller publishes: every unfinished job's document again (the device
    /// ignores a job id it already finished) and the clearing of finished ones not yet cleared, so
    /// a crash between storing and publishing loses nothing.
    /// </summary>
    public IReadOnlyList<Outgoing> Resend()
    {
        var outgoing = new List<Outgoing>();
        foreach (var job in _jobs.Values.OrderBy(j => j.Created))
        {
            if (!job.IsTerminal && Document(job) is { } document)
            {
                outgoing.Add(new PublishJob(job.DeviceId, document));
            }
            else if (job.IsTerminal && !job.Cleared)
            {
                outgoing.AddRange(Finish(job));
            }
        }

        return outgoing;
    }

    /// <summary>Starts a rollout of <paramref name="bundle"/>: targets chosen now, in a fixed order, and the first wave begun.</summary>
    /// <exception cref="ArgumentException">The spec is invalid or no device is a target.</exception>
    public (Rollout Rollout, IReadOnlyList<Outgoing> Outgoing) Start(RolloutSpec spec, StoredBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(bundle);
        spec.Validate();
        var busy = _jobs.Values.Where(j => !j.IsTerminal).Select(j => j.DeviceId).ToHashSet(StringComparer.Ordinal);
        var targets = _devices.Values
            .Where(d => spec.Target.Matches(d, bundle.Compatible) && d.Version != bundle.Version && !busy.Contains(d.Id))
            .Select(d => d.Id)
            .OrderBy(id => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(bundle.Id + id))), StringComparer.Ordinal)
            .ToList();
        if (spec.Target.Devices.FirstOrDefault(id => !_devices.ContainsKey(id)) is { } unknown)
        {
            throw new ArgumentException($"--target devices: '{unknown}' has never connected", nameof(spec));
        }

        if (targets.Count == 0)
        {
            throw new ArgumentException($"no device matches: none is compatible with {string.Join('|', bundle.Compatible)}, matches the target, runs another version than {bundle.Version} and is free of other jobs", nameof(spec));
        }

        var now = _clock.GetUtcNow();
        var rollout = new Rollout
        {
            Id = "r" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Spec = spec,
            Version = bundle.Version,
            Devices = targets,
            Plan = WavePlanner.Plan(spec.Waves, targets.Count),
            State = new Installing(0),
            Created = now,
            Updated = now,
        };
        _rollouts[rollout.Id] = rollout;
        _database.Save(rollout);
        _log($"rollout {rollout.Id}: {bundle.Version} to {targets.Count} devices in waves ending at {string.Join(", ", rollout.Plan)}");
        return (_rollouts[rollout.Id], Step(rollout.Id));
    }

    /// <summary>Pauses a live rollout; false when it is not live.</summary>
    public bool Pause(string id) => Change(id, s => s is Installing or Soaking ? new Paused(s) : null);

    /// <summary>Resumes a paused rollout (a soak that ended meanwhile ends at the next step).</summary>
    public bool Resume(string id) => Change(id, s => s is Paused p ? p.Resume : null);

    /// <summary>Aborts a rollout that has not ended.</summary>
    public IReadOnlyList<Outgoing>? Abort(string id)
    {
        if (!_rollouts.TryGetValue(id, out var rollout) || rollout.State.IsTerminal)
        {
            return null;
        }

        var context = new Context(this, rollout);
        Save(rollout with { State = context.Abort("aborted by the operator", automatic: false), Updated = _clock.GetUtcNow() });
        return context.Outgoing;
    }

    /// <summary>One step of every live rollout, and the expiry of jobs past their deadline.</summary>
    public IReadOnlyList<Outgoing> Tick()
    {
        var outgoing = new List<Outgoing>();
        var now = _clock.GetUtcNow();
        foreach (var job in _jobs.Values.Where(j => !j.IsTerminal && j.Deadline <= now).ToList())
        {
            _log($"job {job.JobId} on {job.DeviceId}: deadline passed in state {job.State?.ToString() ?? "(no report)"}");
            outgoing.AddRange(Finish(Save(job with { Expired = true, Finished = now })));
        }

        foreach (var id in _rollouts.Values.Where(r => !r.State.IsTerminal).Select(r => r.Id).ToList())
        {
            outgoing.AddRange(Step(id));
        }

        return outgoing;
    }

    private List<Outgoing> Step(string id)
    {
        var rollout = _rollouts[id];
        var context = new Context(this, rollout);
        var next = rollout.State.Advance(context);
        if (next != rollout.State)
        {
            _log($"rollout {id}: {Describe(rollout.State)} -> {Describe(next)}");
            Save(rollout with { State = next, Updated = _clock.GetUtcNow() });
            if (!next.IsTerminal && next is not Paused)
            {
                context.Outgoing.AddRange(Step(id));
            }
        }

        return context.Outgoing;
    }

    private bool Change(string id, Func<RolloutState, RolloutState?> change)
    {
        if (!_rollouts.TryGetValue(id, out var rollout) || change(rollout.State) is not { } next)
        {
            return false;
        }

        _log($"rollout {id}: {Describe(rollout.State)} -> {Describe(next)}");
        Save(rollout with { State = next, Updated = _clock.GetUtcNow() });
        return true;
    }

    private static string Describe(RolloutState state) => state switch
    {
        Installing or Soaking => $"{state.Name} wave {state.Wave + 1}",
        Aborted a => $"aborted ({a.Reason})",
        _ => state.Name,
    };

    private JobDocument? Document(JobRecord job)
    {
        if (job.Cancelling)
        {
            return new JobDocument { JobId = job.JobId, RolloutId = job.RolloutId, Action = JobAction.Cancel, Deadline = job.Deadline };
        }

        if (job.Action == JobAction.Install && (job.BundleId is null || _bundles(job.BundleId) is not { } bundle))
        {
            _log($"job {job.JobId}: bundle {job.BundleId} is not in the store; not sent");
            return null;
        }

        return new JobDocument
        {
            JobId = job.JobId,
            RolloutId = job.RolloutId,
            Action = job.Action,
            Bundle = job.Action == JobAction.Install ? _bundles(job.BundleId!)!.ToJob() : null,
            Deadline = job.Deadline,
        };
    }

    // A job that ended: the device may no longer fetch chunks for it, and its retained topic is
    // cleared unless another job of the device (a rollback sent during its trial) is still open there.
    private IEnumerable<Outgoing> Finish(JobRecord job)
    {
        _gate.Revoke(job.DeviceId, job.JobId);
        Save(job with { Cleared = true });
        if (_devices.TryGetValue(job.DeviceId, out var device) && device.Job == job.JobId)
        {
            Save(device with { Job = null, JobState = job.Expired ? "expired" : Wire(job.State) });
        }

        return _jobs.Values.Any(j => j.DeviceId == job.DeviceId && !j.IsTerminal) ? [] : [new ClearJob(job.DeviceId)];
    }

    private static string? Wire(ProgressState? state) => state is { } s ? JsonNamingPolicy.CamelCase.ConvertName(s.ToString()) : null;

    private JobRecord Save(JobRecord job)
    {
        Index(job);
        _database.Save(job);
        return job;
    }

    private void Index(JobRecord job)
    {
        _jobs[job.Key] = job;
        if (job.Action == JobAction.Install)
        {
            if (!_installs.TryGetValue(job.RolloutId, out var installs))
            {
                _installs[job.RolloutId] = installs = new Dictionary<string, JobRecord>(StringComparer.Ordinal);
            }

            installs[job.DeviceId] = job;
        }
    }

    private Dictionary<string, JobRecord> InstallsOf(string rolloutId) =>
        _installs.TryGetValue(rolloutId, out var installs) ? installs : [];

    private DeviceRecord Save(DeviceRecord device)
    {
        _devices[device.Id] = device;
        _database.Save(device);
        return device;
    }

    private void Save(Rollout rollout)
    {
        _rollouts[rollout.Id] = rollout;
        _database.Save(rollout);
    }
}
