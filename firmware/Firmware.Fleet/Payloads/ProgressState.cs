using System.Text.Json.Serialization;

namespace Firmware.Fleet.Payloads;

/// <summary>The <c>state</c> of a progress report: the update engine's states plus the job's own.</summary>
[JsonConverter(typeof(StrictEnumConverter<ProgressState>))]
public enum ProgressState
{
    /// <summary>The job was received and will run.</summary>
    Accepted = 0,

    /// <summary>Chunks are being fetched.</summary>
    Downloading = 1,

    /// <summary>The staged bundle is being verified.</summary>
    Verifying = 2,

    /// <summary>The inactive slot is being written.</summary>
    Writing = 3,

    /// <summary>The trial boot is armed.</summary>
    Armed = 4,

    /// <summary>The device is rebooting into the trial.</summary>
    Rebooting = 5,

    /// <summary>The trial runs its health checks.</summary>
    Trial = 6,

    /// <summary>Leaving the trial for the old slot.</summary>
    Reverting = 7,

    /// <summary>Terminal: committed.</summary>
    Committed = 8,

    /// <summary>Terminal: rolled back.</summary>
    RolledBack = 9,

    /// <summary>Terminal: failed.</summary>
    Failed = 10,

    /// <summary>Terminal: the job document was refused (malformed, unknown schema, wrong board).</summary>
    Rejected = 11,

    /// <summary>Terminal: cancelled before anything reached the slot.</summary>
    Cancelled = 12,
}
