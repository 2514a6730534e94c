namespace Firmware.Device.Updates;

/// <summary>How an update ended, as reported once through the outbox.</summary>
public enum UpdateOutcome
{
    /// <summary>The new version runs and is committed.</summary>
    Committed = 0,

    /// <summary>The new version was tried and refused (health gate, boot failure); the old one runs.</summary>
    RolledBack = 1,

    /// <summary>The update failed before any trial boot; the old version never stopped being primary.</summary>
    Failed = 2,
}
