using System.Collections.Concurrent;
using LiteDB;

namespace Firmware.Device.Storage;

/// <summary>
/// Runs one operation on one of the agent's small LiteDB files (the telemetry ring, the progress
/// outbox): opens it, runs the operation, closes it. Closing after each operation keeps no
/// descriptor open between them (a database held open costs two: the data file and its log),
/// which is what lets one process run thousands of simulated devices; and closing checkpoints the
/// log into the data file, so the file on the data partition is whole between operations. Their
/// operations come once a telemetry interval or once a progress report, so the open is not felt.
/// </summary>
/// <remarks>
/// <c>Connection=direct</c>: shared mode relies on named mutexes, which are process-local under
/// NativeAOT. Direct mode does not stop two instances in one process from writing the same file at
/// once, which tears its pages; so operations on one path take one lock for the whole process.
/// The fleet simulator needs it: a virtual device's old runtime can still be flushing its outbox
/// when the runtime of its next boot opens the same file.
/// </remarks>
internal static class LiteFile
{
    private static readonly ConcurrentDictionary<string, Lock> Locks = new(StringComparer.Ordinal);

    public static T Use<T>(string path, Func<LiteDatabase, T> operation)
    {
        lock (Locks.GetOrAdd(Path.GetFullPath(path), _ => new Lock()))
        {
            return FailedDatabases.Use(() => new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }), operation);
        }
    }
}
