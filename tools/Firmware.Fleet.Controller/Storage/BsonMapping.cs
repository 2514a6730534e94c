using Firmware.Fleet.Controller.Devices;
using Firmware.Fleet.Controller.Rollouts;
using Firmware.Fleet.Payloads;
using LiteDB;

namespace Firmware.Fleet.Controller.Storage;

/// <summary>The records as BsonDocuments and back, field by field (no reflection: the POCO mapper drops properties under trimming).</summary>
internal static class BsonMapping
{
    public static BsonDocument ToBson(DeviceRecord d) => new()
    {
        ["_id"] = d.Id,
        ["birth"] = d.Birth is { } b ? new BsonValue(b.ToJson()) : BsonValue.Null,
        ["online"] = d.Online,
        ["lastSeen"] = Time(d.LastSeen),
        ["health"] = d.Health is { } h ? ToBson(h) : BsonValue.Null,
        ["job"] = d.Job,
        ["jobState"] = d.JobState,
        ["chunksDone"] = d.ChunksDone,
        ["chunksTotal"] = d.ChunksTotal,
    };

    public static DeviceRecord Device(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        // The birth as the device sent it, parsed again by the protocol's own strict reader.
        Birth = d["birth"].IsNull ? null : DeviceState.Parse(d["birth"].AsBinary),
        Online = d["online"].AsBoolean,
        LastSeen = Time(d["lastSeen"]),
        Health = d["health"].IsDocument ? Health(d["health"].AsDocument) : null,
        Job = String(d["job"]),
        JobState = String(d["jobState"]),
        ChunksDone = d["chunksDone"].AsInt32,
        ChunksTotal = d["chunksTotal"].AsInt32,
    };

    public static BsonDocument ToBson(JobRecord j) => new()
    {
        ["_id"] = j.Key,
        ["jobId"] = j.JobId,
        ["rolloutId"] = j.RolloutId,
        ["deviceId"] = j.DeviceId,
        ["action"] = j.Action.ToString(),
        ["bundleId"] = j.BundleId,
        ["wave"] = j.Wave,
        ["created"] = Time(j.Created),
        ["deadline"] = Time(j.Deadline),
        ["seq"] = j.Seq,
        ["state"] = j.State?.ToString(),
        ["chunksDone"] = j.ChunksDone,
        ["chunksTotal"] = j.ChunksTotal,
        ["error"] = j.Error,
        ["finished"] = Time(j.Finished),
        ["expired"] = j.Expired,
        ["cancelling"] = j.Cancelling,
        ["recalled"] = j.Recalled,
        ["healthFailed"] = j.HealthFailed,
        ["cleared"] = j.Cleared,
    };

    public static JobRecord Job(BsonDocument d) => new()
    {
        JobId = d["jobId"].AsString,
        RolloutId = d["rolloutId"].AsString,
        DeviceId = d["deviceId"].AsString,
        Action = Enum.Parse<JobAction>(d["action"].AsString),
        BundleId = String(d["bundleId"]),
        Wave = d["wave"].AsInt32,
        Created = Time(d["created"])!.Value,
        Deadline = Time(d["deadline"])!.Value,
        Seq = d["seq"].AsInt64,
        State = String(d["state"]) is { } s ? Enum.Parse<ProgressState>(s) : null,
        ChunksDone = d["chunksDone"].AsInt32,
        ChunksTotal = d["chunksTotal"].AsInt32,
        Error = String(d["error"]),
        Finished = Time(d["finished"]),
        Expired = d["expired"].AsBoolean,
        Cancelling = d["cancelling"].AsBoolean,
        Recalled = d["recalled"].AsBoolean,
        HealthFailed = d["healthFailed"].AsBoolean,
        Cleared = d["cleared"].AsBoolean,
    };

    public static BsonDocument ToBson(Rollout r) => new()
    {
        ["_id"] = r.Id,
        ["spec"] = ToBson(r.Spec),
        ["version"] = r.Version,
        ["devices"] = new BsonArray(r.Devices.Select(d => new BsonValue(d))),
        ["plan"] = new BsonArray(r.Plan.Select(p => new BsonValue(p))),
        ["state"] = ToBson(r.State),
        ["created"] = Time(r.Created),
        ["updated"] = Time(r.Updated),
    };

    public static Rollout Rollout(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        Spec = Spec(d["spec"].AsDocument),
        Version = d["version"].AsString,
        Devices = [.. d["devices"].AsArray.Select(v => v.AsString)],
        Plan = [.. d["plan"].AsArray.Select(v => v.AsInt32)],
        State = State(d["state"].AsDocument),
        Created = Time(d["created"])!.Value,
        Updated = Time(d["updated"])!.Value,
    };

    private static BsonDocument ToBson(RolloutSpec s) => new()
    {
        ["bundleId"] = s.BundleId,
        ["board"] = s.Target.Board,
        ["version"] = s.Target.Version,
        ["tags"] = new BsonArray(s.Target.Tags.Select(t => new BsonValue(t))),
        ["devices"] = new BsonArray(s.Target.Devices.Select(t => new BsonValue(t))),
        ["waves"] = new BsonArray(s.Waves.Select(w => new BsonValue(w.ToString()))),
        ["maxFailures"] = s.MaxFailures.ToString(),
        ["success"] = s.SuccessThreshold,
        ["soakSeconds"] = s.Soak.TotalSeconds,
        ["maxConcurrent"] = s.MaxConcurrent,
        ["jobLifetimeSeconds"] = s.JobLifetime.TotalSeconds,
    };

    private static RolloutSpec Spec(BsonDocument d) => new()
    {
        BundleId = d["bundleId"].AsString,
        Target = new RolloutTarget
        {
            Board = String(d["board"]),
            Version = String(d["version"]),
            Tags = [.. d["tags"].AsArray.Select(v => v.AsString)],
            Devices = [.. d["devices"].AsArray.Select(v => v.AsString)],
        },
        Waves = [.. d["waves"].AsArray.Select(v => RolloutArguments.Count(v.AsString, "waves"))],
        MaxFailures = RolloutArguments.Count(d["maxFailures"].AsString, "maxFailures"),
        SuccessThreshold = d["success"].AsDouble,
        Soak = TimeSpan.FromSeconds(d["soakSeconds"].AsDouble),
        MaxConcurrent = d["maxConcurrent"].AsInt32,
        JobLifetime = TimeSpan.FromSeconds(d["jobLifetimeSeconds"].AsDouble),
    };

    private static BsonDocument ToBson(RolloutState state) => state switch
    {
        Installing i => new() { ["kind"] = "installing", ["wave"] = i.Index },
        Soaking s => new() { ["kind"] = "soaking", ["wave"] = s.Index, ["until"] = Time(s.Until) },
        Paused p => new() { ["kind"] = "paused", ["resume"] = ToBson(p.Resume) },
        Completed => new() { ["kind"] = "completed" },
        Aborted a => new() { ["kind"] = "aborted", ["reason"] = a.Reason, ["automatic"] = a.Automatic, ["wave"] = a.Index },
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown rollout state."),
    };

    private static RolloutState State(BsonDocument d) => d["kind"].AsString switch
    {
        "installing" => new Installing(d["wave"].AsInt32),
        "soaking" => new Soaking(d["wave"].AsInt32, Time(d["until"])!.Value),
        "paused" => new Paused(State(d["resume"].AsDocument)),
        "completed" => new Completed(),
        "aborted" => new Aborted(d["reason"].AsString, d["automatic"].AsBoolean, d["wave"].IsNull ? 0 : d["wave"].AsInt32),
        var kind => throw new InvalidDataException($"rollout state '{kind}' is not one this controller knows"),
    };

    private static BsonDocument ToBson(HealthSummary h) => new()
    {
        ["time"] = Time(h.Time),
        ["status"] = h.Status.ToString(),
        ["problem"] = h.Problem,
        ["cpu"] = Number(h.CpuPercent),
        ["memory"] = Number(h.MemoryAvailable),
        ["disk"] = Number(h.DiskFree),
        ["celsius"] = Number(h.MaxCelsius),
        ["version"] = h.Version,
    };

    private static HealthSummary Health(BsonDocument d) => new()
    {
        Time = Time(d["time"])!.Value,
        Status = Enum.Parse<HealthStatus>(d["status"].AsString),
        Problem = String(d["problem"]),
        CpuPercent = Number(d["cpu"]),
        MemoryAvailable = Number(d["memory"]),
        DiskFree = Number(d["disk"]),
        MaxCelsius = Number(d["celsius"]),
        Version = String(d["version"]),
    };

    // Times as Unix milliseconds: LiteDB's DateTime loses the offset and rounds to its own precision.
    private static BsonValue Time(DateTimeOffset? time) => time is { } t ? new BsonValue(t.ToUnixTimeMilliseconds()) : BsonValue.Null;

    private static DateTimeOffset? Time(BsonValue value) => value.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(value.AsInt64);

    private static BsonValue Number(double? value) => value is { } v ? new BsonValue(v) : BsonValue.Null;

    private static double? Number(BsonValue value) => value.IsNull ? null : value.AsDouble;

    private static string? String(BsonValue value) => value.IsNull ? null : value.AsString;
}
