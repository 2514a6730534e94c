using Firmware.Device.Storage;
using LiteDB;

namespace Firmware.Device.Fleet;

/// <summary>
/// QoS 1 messages the device must deliver (progress reports): kept in a LiteDB file on the data
/// partition, in order, from the moment they are produced until the broker's PUBACK, so neither a
/// dropped connection nor a reboot loses one (docs/protocol.md 3.4). A message is re-sent whole,
/// with its own sequence number inside, so the controller drops repeats.
/// </summary>
/// <remarks>BsonDocument only and <c>Connection=direct</c>, as for the telemetry ring (docs/agent.md);
/// the file is open only during an operation (<see cref="LiteFile"/>).</remarks>
public sealed class FleetOutbox
{
    private const string Collection = "messages";
    private readonly string _path;
    private readonly Lock _lock = new();

    /// <summary>Opens (or creates) the outbox in the file <paramref name="path"/>.</summary>
    public FleetOutbox(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        LiteFile.Use(path, database => Messages(database).Count()); // creates it, or fails here on a file LiteDB cannot read
    }

    /// <summary>Messages waiting.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return LiteFile.Use(_path, database => Messages(database).Count());
            }
        }
    }

    /// <summary>Adds a message, durably (LiteDB commits it before returning).</summary>
    public long Add(string topic, byte[] payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(payload);
        lock (_lock)
        {
            return LiteFile.Use(_path, database => Messages(database).Insert(new BsonDocument { ["topic"] = topic, ["payload"] = payload }).AsInt64);
        }
    }

    /// <summary>The oldest <paramref name="max"/> messages, oldest first.</summary>
    public IReadOnlyList<PendingPublish> Peek(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_lock)
        {
            return LiteFile.Use<IReadOnlyList<PendingPublish>>(_path, database => [.. Messages(database).Query().OrderBy("_id").Limit(max).ToEnumerable()
                .Select(d => new PendingPublish(d["_id"].AsInt64, d["topic"].AsString, d["payload"].AsBinary))]);
        }
    }

    /// <summary>Forgets a message once its PUBACK arrived.</summary>
    public void Remove(long sequence)
    {
        lock (_lock)
        {
            LiteFile.Use(_path, database => Messages(database).Delete(sequence));
        }
    }

    private static ILiteCollection<BsonDocument> Messages(LiteDatabase database) => database.GetCollection(Collection, BsonAutoId.Int64);
}
