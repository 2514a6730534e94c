using System.Collections.Concurrent;
using LiteDB;

namespace Firmware.Device.Storage;

/// <summary>
/// Runs an operation on a LiteDB database and disposes it, but keeps a database whose operation
/// or disposal threw reachable for the rest of the process. LiteDB 5 can leave the transaction of
/// a failed write undisposed (an I/O error closes the engine without rolling the transaction back),
/// and such a transaction's finalizer throws on the GC's finalizer thread, which ends the process
/// at some later, unrelated moment (LiteDB issue #2828, fixed only in its 6.x prereleases). Kept
/// reachable through its engine, the transaction is never finalized. A device sees few I/O errors
/// in its life, and each keeps one small engine in memory.
/// </summary>
internal static class FailedDatabases
{
    private static readonly ConcurrentBag<LiteDatabase> Kept = [];

    /// <summary>Opens a database with <paramref name="open"/>, runs <paramref name="operation"/> on it, and disposes it.</summary>
    public static T Use<T>(Func<LiteDatabase> open, Func<LiteDatabase, T> operation)
    {
        var database = open();
        T result;
        try
        {
            result = operation(database);
        }
        catch
        {
            Keep(database);
            throw;
        }

        try
        {
            database.Dispose();
        }
        catch
        {
            Kept.Add(database);
            throw;
        }

        return result;
    }

    private static void Keep(LiteDatabase database)
    {
        Kept.Add(database);
        try
        {
            database.Dispose();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The operation's own exception is the one to report; a database that cannot close
            // after it is kept all the same.
        }
    }
}
