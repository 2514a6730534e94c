using Firmware.Device.Storage;
using LiteDB;

namespace Firmware.Device.Telemetry;

/// <summary>
/// The offline buffer: samples kept in a LiteDB file on the data partition, in the order taken,
/// bounded to a capacity. Past the capacity the oldest sample is dropped and counted, so the
/// report says how much history was lost. Drains oldest first, forgetting a sample only once the
/// publisher has taken it.
/// </summary>
/// <remarks>
/// LiteDB is used through <see cref="BsonDocument"/> only (its POCO mapper drops properties under
/// NativeAOT) and with <c>Connection=direct</c> (shared mode relies on named mutexes, which are
/// process-local under AOT): the agent is the file's one owner, and opens it only for each
/// operation (<see cref="LiteFile"/>). Each sample is stored as the exact JSON bytes that will be published.
/// </remarks>
public sealed class TelemetryRing
{
    private const string SamplesName = "samples";
    private const string CountersName = "counters";
    private const string DroppedId = "dropped";

    private readonly string _path;
    private readonly Lock _lock = new();
    private int _count;

    /// <summary>Opens (or creates) the ring in the file <paramref name="path"/>.</summary>
    /// <param name="path">The database file, such as <c>/data/fwagent/telemetry.db</c>.</param>
    /// <param name="capacity">How many samples it keeps; the oldest beyond that are dropped.</param>
    public TelemetryRing(string path, int capacity)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _path = path;
        _count = LiteFile.Use(path, database => Samples(database).Count());
    }

    /// <summary>How many samples the ring keeps.</summary>
    public int Capacity { get; }

    /// <summary>How many samples are buffered.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>How many samples have been dropped, oldest first, because the ring was full: kept across restarts.</summary>
    public long Dropped
    {
        get
        {
            lock (_lock)
            {
                return LiteFile.Use(_path, database => Counters(database).FindById(DroppedId)?["value"].AsInt64 ?? 0);
            }
        }
    }

    /// <summary>Buffers <paramref name="sample"/>, dropping the oldest if the ring is full.</summary>
    public void Add(TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(sample, TelemetryJsonContext.Default.TelemetrySample);
        lock (_lock)
        {
            LiteFile.Use(_path, database =>
            {
                var samples = Samples(database);
                var counters = Counters(database);

                // Capacity may have shrunk since the file was written: trim to it.
                var excess = _count + 1 - Capacity;
                if (excess > 0)
                {
                    var oldest = samples.Query().OrderBy("_id").Limit(excess).ToEnumerable().Select(d => d["_id"]).ToList();
                    foreach (var id in oldest)
                    {
                        samples.Delete(id);
                    }

                    counters.Upsert(new BsonDocument { ["_id"] = DroppedId, ["value"] = (counters.FindById(DroppedId)?["value"].AsInt64 ?? 0) + oldest.Count });
                    _count -= oldest.Count;
                }

                samples.Insert(new BsonDocument { ["json"] = json });
                return ++_count;
            });
        }
    }

    /// <summary>Up to <paramref name="max"/> of the oldest samples, oldest first, without removing them.</summary>
    public IReadOnlyList<BufferedSample> Peek(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_lock)
        {
            return LiteFile.Use<IReadOnlyList<BufferedSample>>(_path, database => [.. Samples(database).Query().OrderBy("_id").Limit(max).ToEnumerable().Select(d => new BufferedSample(d["_id"].AsInt64, d["json"].AsBinary))]);
        }
    }

    /// <summary>Forgets every sample up to and including <paramref name="sequence"/>.</summary>
    public void Remove(long sequence)
    {
        lock (_lock)
        {
            _count -= LiteFile.Use(_path, database => Samples(database).DeleteMany(Query.LTE("_id", sequence)));
        }
    }

    /// <summary>
    /// Publishes buffered samples oldest first, in batches of <paramref name="batch"/>, forgetting
    /// each once published. Stops at the first failure, leaving that sample and the rest buffered,
    /// and rethrows it.
    /// </summary>
    /// <returns>How many samples were published.</returns>
    public async Task<int> DrainAsync(ITelemetryPublisher publisher, int batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        var published = 0;
        while (Peek(batch) is { Count: > 0 } samples)
        {
            long? done = null;
            try
            {
                foreach (var sample in samples)
                {
                    await publisher.PublishAsync(sample.Json, cancellationToken).ConfigureAwait(false);
                    done = sample.Sequence;
                    published++;
                }
            }
            finally
            {
                if (done is { } last)
                {
                    Remove(last);
                }
            }
        }

        return published;
    }

    private static ILiteCollection<BsonDocument> Samples(LiteDatabase database) => database.GetCollection(SamplesName, BsonAutoId.Int64);

    private static ILiteCollection<BsonDocument> Counters(LiteDatabase database) => database.GetCollection(CountersName);
}
