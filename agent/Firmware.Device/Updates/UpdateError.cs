namespace Firmware.Device.Updates;

/// <summary>Why the engine stopped an update. Numbers are stable: they appear in reports and JSON.</summary>
public enum UpdateError
{
    /// <summary>The bundle was rejected (signature, trust, board, version, expiry, integrity); the message carries the bundle error code.</summary>
    BundleRejected = 1,

    /// <summary>The payload is larger than the slot.</summary>
    SlotTooSmall = 2,

    /// <summary>The bundle's source could not be read (network, missing file). Transient.</summary>
    SourceUnavailable = 3,

    /// <summary>The bundle's source cannot be reopened to resume (a one-shot stream).</summary>
    SourceNotResumable = 4,

    /// <summary>Writing, syncing or reading the slot failed with an I/O error. Transient.</summary>
    SlotIo = 5,

    /// <summary>The storage is full.</summary>
    NoSpace = 6,

    /// <summary>Reading the slot back gave other bytes than were written.</summary>
    ReadBackMismatch = 7,

    /// <summary>The bundle changed between the verifying pass and the writing pass.</summary>
    BundleChanged = 8,

    /// <summary>The bootloader's state could not be read or written.</summary>
    BootControl = 9,

    /// <summary>A state was started too many times without finishing: a crash or boot loop.</summary>
    Loop = 10,

    /// <summary>Transient failures were retried as often as allowed.</summary>
    RetriesExhausted = 11,

    /// <summary>The trial slot did not boot within its tries; the bootloader fell back.</summary>
    TrialBootFailed = 12,

    /// <summary>The health gate refused the trial.</summary>
    Unhealthy = 13,

    /// <summary>The operator rolled the update back.</summary>
    Cancelled = 14,
}
