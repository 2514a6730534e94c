namespace Firmware.Device.Tests.Simulation;

/// <summary>A fault the simulated disk injects at one I/O operation.</summary>
internal enum DiskFault
{
    /// <summary>The process dies (kill -9, or the moment of a power cut).</summary>
    Crash,

    /// <summary>The operation fails with EIO.</summary>
    IoError,

    /// <summary>A write fails with EIO (ignored at other operations).</summary>
    WriteError,

    /// <summary>A write fails with ENOSPC (ignored at other operations).</summary>
    NoSpace,

    /// <summary>An fsync fails with EIO (ignored at other operations).</summary>
    SyncFailure,
}

/// <summary>The kinds of I/O operation the simulated disk counts.</summary>
internal enum DiskOperation
{
    Open,
    Read,
    Write,
    Sync,
    Truncate,
    Rename,
    Delete,
}

/// <summary>The simulated process died: nothing after this point runs, and no caller may swallow it as an I/O error.</summary>
internal sealed class SimulatedCrash(string message) : Exception(message);
