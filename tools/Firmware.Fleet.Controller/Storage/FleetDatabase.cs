using Firmware.Fleet.Controller.Devices;
using Firmware.Fleet.Controller.Rollouts;
using LiteDB;

namespace Firmware.Fleet.Controller.Storage;

/// <summary>
/// The controller's one LiteDB file: devices, rollouts and jobs. Every change is written through
/// before it is acted on (a job is stored before it is published), so killing the controller at
/// any moment loses nothing it has told a device. BsonDocument only, as the agent uses LiteDB
/// (its POCO mapper is reflection-based), and <c>Connection=direct</c>: the controller is the
/// file's one owner; the CLI asks the controller, never the file.
/// </summary>
public sealed class FleetDatabase : IDisposable
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _devices;
    private readonly ILiteCollection<BsonDocument> _rollouts;
    private readonly ILiteCollection<BsonDocument> _jobs;

    /// <summary>Opens (or creates) the database file <paramref name="path"/>.</summary>
    public FleetDatabase(string path)
        : this(new LiteDatabase(new ConnectionString { Filename = path ?? throw new ArgumentNullException(nameof(path)), Connection = ConnectionType.Direct }))
    {
    }

    private FleetDatabase(LiteDatabase database)
    {
        _database = database;
        _devices = database.GetCollection("devices");
        _rollouts = database.GetCollection("rollouts");
        _jobs = database.GetCollection("jobs");
    }

    /// <summary>A database in memory (tests).</summary>
    public static FleetDatabase InMemory() => new(new LiteDatabase(new MemoryStream()));

    /// <summary>Every device.</summary>
    public IEnumerable<DeviceRecord> Devices() => _devices.FindAll().Select(BsonMapping.Device).ToList();

    /// <summary>Every rollout.</summary>
    public IEnumerable<Rollout> Rollouts() => _rollouts.FindAll().Select(BsonMapping.Rollout).ToList();

    /// <summary>Every job.</summary>
    public IEnumerable<JobRecord> Jobs() => _jobs.FindAll().Select(BsonMapping.Job).ToList();

    /// <summary>Stores a device.</summary>
    public void Save(DeviceRecord device) => _devices.Upsert(BsonMapping.ToBson(device));

    /// <summary>Stores a rollout.</summary>
    public void Save(Rollout rollout) => _rollouts.Upsert(BsonMapping.ToBson(rollout));

    /// <summary>Stores a job.</summary>
    public void Save(JobRecord job) => _jobs.Upsert(BsonMapping.ToBson(job));

    /// <summary>Stores a rollout and its first jobs in one transaction.</summary>
    public void Save(Rollout rollout, IEnumerable<JobRecord> jobs)
    {
        _database.BeginTrans();
        Save(rollout);
        foreach (var job in jobs)
        {
            Save(job);
        }

        _database.Commit();
    }

    /// <inheritdoc/>
    public void Dispose() => _database.Dispose();
}
