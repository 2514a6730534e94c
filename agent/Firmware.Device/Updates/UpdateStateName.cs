namespace Firmware.Device.Updates;

/// <summary>
/// The update engine's states, in order. Each is one type under <c>Updates/States</c> that handles
/// one step and names the next. The names are stored in the checkpoint: never renumber.
/// </summary>
public enum UpdateStateName
{
    /// <summary>A bundle was offered; nothing has been fetched yet.</summary>
    Offered = 0,

    /// <summary>Copying a remote or one-shot bundle to the data partition (resumes with HTTP Range).</summary>
    Downloading = 1,

    /// <summary>A full pass over the bundle that checks everything and writes nothing.</summary>
    Verifying = 2,

    /// <summary>Streaming the payload into the inactive slot, syncing it and reading it back.</summary>
    Writing = 3,

    /// <summary>The slot is written and proven; arm a trial boot of it.</summary>
    Armed = 4,

    /// <summary>The trial is armed; waiting for the reboot into it.</summary>
    Rebooting = 5,

    /// <summary>Booted into the new slot: run the health gate, then commit or roll back.</summary>
    Trial = 6,

    /// <summary>The trial was refused: rebooting back into the old slot.</summary>
    Reverting = 7,

    /// <summary>Terminal: the new slot is primary.</summary>
    Committed = 8,

    /// <summary>Terminal: the device runs the old slot again after a failed trial.</summary>
    RolledBack = 9,

    /// <summary>Terminal: the update stopped before a trial; the old slot was never left.</summary>
    Failed = 10,
}
