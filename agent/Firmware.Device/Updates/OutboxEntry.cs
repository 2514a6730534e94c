namespace Firmware.Device.Updates;

/// <summary>
/// An outcome waiting to be reported. It is written in the same checkpoint save that finishes the
/// update, and marked acknowledged once the reporter has delivered it, so each outcome is reported
/// once: a crash between delivery and acknowledgement repeats it with the same <see cref="Id"/>,
/// which the receiver drops.
/// </summary>
public sealed record OutboxEntry
{
    /// <summary>The update's id.</summary>
    public required string Id { get; init; }

    /// <summary>How the update ended.</summary>
    public required UpdateOutcome Outcome { get; init; }

    /// <summary>The bundle's version, when known.</summary>
    public string? Version { get; init; }

    /// <summary>The slot that runs after the update.</summary>
    public required Slots.SlotName Slot { get; init; }

    /// <summary>Why it failed or was rolled back; null when committed.</summary>
    public string? Detail { get; init; }

    /// <summary>The error code, when there is one.</summary>
    public UpdateError? ErrorCode { get; init; }

    /// <summary>True once the reporter delivered it.</summary>
    public bool Acknowledged { get; init; }
}
