using Firmware.Device.Storage;
using Firmware.Signing;
using LiteDB;

namespace Firmware.Device.Updates.Checkpoints;

/// <summary>
/// Keeps the <see cref="Checkpoint"/> in LiteDB on the data partition, written twice over.
/// </summary>
/// <remarks>
/// LiteDB 5 has no page checksums: its recovery trusts whatever its write-ahead log and data file
/// hold, and after a power cut that tears unsynced pages it can fail to open or hand back garbage
/// (docs/agent.md, "Power cuts and LiteDB"). So each save goes to the older of two LiteDB files,
/// alternately, and carries a generation and a SHA-256 of its body; loading takes the newest copy
/// that opens and whose digest holds. A save that a power cut tears can only damage the copy it
/// was writing, never the other, which holds the previous checkpoint: the state machine's steps are
/// idempotent, so resuming one step back is always safe. Each save closes its database, which makes
/// LiteDB checkpoint its log into the data file and flush both (an fsync through
/// <see cref="IDeviceStorage"/>) before <see cref="Save"/> returns.
/// Only <see cref="BsonDocument"/> is used: LiteDB's POCO mapper drops properties under NativeAOT.
/// </remarks>
public sealed class CheckpointStore
{
    private const string Collection = "checkpoint";
    private const string DocumentId = "current";
    private readonly IDeviceStorage _storage;
    private readonly string _baseName;

    /// <summary>Creates the store; its files are <c>BASE-0.db</c> and <c>BASE-1.db</c> with their logs.</summary>
    public CheckpointStore(IDeviceStorage storage, string baseName = "checkpoint")
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(baseName);
        _storage = storage;
        _baseName = baseName;
    }

    /// <summary>The newest intact checkpoint, or an empty one (generation 0) on a new device.</summary>
    /// <exception cref="CheckpointException">The newest intact copy has a schema newer than this agent reads.</exception>
    public Checkpoint Load()
    {
        Checkpoint? newest = null;
        for (var copy = 0; copy < 2; copy++)
        {
            if (TryLoad(copy) is { } loaded && (newest is null || loaded.Generation > newest.Generation))
            {
                newest = loaded;
            }
        }

        return newest ?? new Checkpoint();
    }

    /// <summary>
    /// Saves <paramref name="checkpoint"/> as the next generation and returns what was saved. When
    /// this returns, the save is durable.
    /// </summary>
    public Checkpoint Save(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var saved = checkpoint with { Schema = Checkpoint.CurrentSchema, Generation = checkpoint.Generation + 1 };
        var body = BsonSerializer.Serialize(CheckpointBson.ToBson(saved));
        var document = new BsonDocument
        {
            ["_id"] = DocumentId,
            ["schema"] = saved.Schema,
            ["generation"] = saved.Generation,
            ["body"] = body,
            ["sha256"] = SmallDigest.Sha256Hex(body),
        };

        var copy = (int)(saved.Generation % 2);
        try
        {
            Write(copy, document);
        }
        catch (Exception e) when (e is LiteException or InvalidCastException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            // The copy was torn by an earlier power cut and LiteDB cannot use it: it holds nothing the
            // other copy does not hold newer, so start it again.
            Reset(copy);
            Write(copy, document);
        }

        return saved;
    }

    private void Write(int copy, BsonDocument document)
    {
        using var data = _storage.OpenWrite(DataFile(copy));
        using var log = _storage.OpenWrite(LogFile(copy));
        FailedDatabases.Use(() => new LiteDatabase(data, logStream: log), database => database.GetCollection(Collection).Upsert(document));

        // LiteDB flushed both files when it closed; one more sync covers a stream it left untouched.
        data.Flush();
        log.Flush();
    }

    private void Reset(int copy)
    {
        _storage.Delete(DataFile(copy));
        _storage.Delete(LogFile(copy));
    }

    private Checkpoint? TryLoad(int copy)
    {
        if (!_storage.Exists(DataFile(copy)))
        {
            return null;
        }

        BsonDocument? document;
        try
        {
            using var data = _storage.OpenWrite(DataFile(copy));
            using var log = _storage.OpenWrite(LogFile(copy));
            document = FailedDatabases.Use(() => new LiteDatabase(data, logStream: log), database => database.GetCollection(Collection).FindById(DocumentId));
        }
        catch (Exception e) when (e is not IOException and not OutOfMemoryException)
        {
            // A torn copy: LiteDB's own recovery could not make sense of it (see the remarks).
            return null;
        }

        return document is null ? null : Decode(document, copy);
    }

    private Checkpoint? Decode(BsonDocument document, int copy)
    {
        try
        {
            var body = document["body"].AsBinary;
            if (body is null || document["sha256"].AsString != SmallDigest.Sha256Hex(body))
            {
                return null;
            }

            var schema = document["schema"].AsInt32;
            if (schema > Checkpoint.CurrentSchema)
            {
                throw new CheckpointException($"{DataFile(copy)}: checkpoint schema {schema} is newer than this agent reads ({Checkpoint.CurrentSchema})");
            }

            return CheckpointBson.FromBson(BsonSerializer.Deserialize(body)) with { Schema = schema };
        }
        catch (Exception e) when (e is not CheckpointException and not OutOfMemoryException)
        {
            return null;
        }
    }

    private string DataFile(int copy) => $"{_baseName}-{copy}.db";

    private string LogFile(int copy) => $"{_baseName}-{copy}-log.db";
}
