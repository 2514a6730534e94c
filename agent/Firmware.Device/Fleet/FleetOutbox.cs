using LiteDB;

namespace Firmware.Device.Fleet;

/// <summary>
/// QoS 1 messages the device must deliver (progress reports): kept in a LiteDB file on the data
/// partition, in order, from the moment they are produced until the broker's PUBACK, so neither a
/// dropped connection nor a reboot loses one (docs/protocol.md 3.4). A message is re-sent whole,
/// with its own sequence number inside, so the controller drops repeats.
/// </summary>
/// <remarks>BsonDocument only and <c>Connection=direct</c>, as for the telemetry ring (docs/agent.md).</remarks>
public sealed class FleetOutbox : IDisposable
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _messages;
    private readonly Lock _lock = new();

    /// <summary>Opens (or creates) the outbox in the file <paramref name="path"/>.</summary>
    public FleetOutbox(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        _messages = _database.GetCollection("messages", BsonAutoId.Int64);
    }

    /// <summary>Messages waiting.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _messages.Count();
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
            return _messages.Insert(new BsonDocument { ["topic"] = topic, ["payload"] = payload }).AsInt64;
        }
    }

    /// <summary>The oldest <paramref name="max"/> messages, oldest first.</summary>
    public IReadOnlyList<PendingPublish> Peek(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_lock)
        {
            return [.. _messages.Query().OrderBy("_id").Limit(max).ToEnumerable()
                .Select(d => new PendingPublish(d["_id"].AsInt64, d["topic"].AsString, d["payload"].AsBinary))];
        }
    }

    /// <summary>Forgets a message once its PUBACK arrived.</summary>
    public void Remove(long sequence)
    {
        lock (_lock)
        {
            _messages.Delete(sequence);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _database.Dispose();
}
