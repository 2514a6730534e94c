namespace Firmware.Fleet;

/// <summary>The topics under <c>PREFIX/v1/devices/ID/</c> (docs/protocol.md section 2).</summary>
public enum FleetTopicKind
{
    /// <summary><c>state</c>: birth and will, retained.</summary>
    State = 0,

    /// <summary><c>telemetry</c>: batches of samples.</summary>
    Telemetry = 1,

    /// <summary><c>job</c>: the job document, retained.</summary>
    Job = 2,

    /// <summary><c>progress</c>: the device's reports on a job.</summary>
    Progress = 3,

    /// <summary><c>chunks/req</c>: the device asks for chunks.</summary>
    ChunkRequest = 4,

    /// <summary><c>chunks/res</c>: one chunk or the bundle header.</summary>
    ChunkResponse = 5,
}
