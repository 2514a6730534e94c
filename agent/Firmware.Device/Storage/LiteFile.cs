using LiteDB;

namespace Firmware.Device.Storage;

/// <summary>
/// Opens one of the agent's small LiteDB files (the telemetry ring, the progress outbox) for a
/// single operation. Closing after each operation keeps no descriptor open between them (a
/// database held open costs two: the data file and its log), which is what lets one process run
/// thousands of simulated devices; and closing checkpoints the log into the data file, so the file
/// on the data partition is whole between operations. Their operations come once a telemetry
/// interval or once a progress report, so the open is not felt.
/// </summary>
/// <remarks><c>Connection=direct</c>: shared mode relies on named mutexes, which are process-local under NativeAOT; each file has one owner.</remarks>
internal static class LiteFile
{
    public static LiteDatabase Open(string path) => new(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
}
