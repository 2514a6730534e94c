namespace Firmware.Device.Updates;

/// <summary>
/// Everything the agent persists about updates: the device record, the update in progress and the
/// outbox. Saved as one document, so each save is one atomic step (docs/agent.md, "Checkpoint").
/// </summary>
public sealed record Checkpoint
{
    /// <summary>The schema version this code reads and writes.</summary>
    public const int CurrentSchema = 1;

    /// <summary>The schema version of the stored document.</summary>
    public int Schema { get; init; } = CurrentSchema;

    /// <summary>Save counter: the copy with the higher generation is the newer one.</summary>
    public long Generation { get; init; }

    /// <summary>The installed version and floor.</summary>
    public DeviceRecord Device { get; init; } = new();

    /// <summary>The current or last update; null before the first offer.</summary>
    public UpdateRecord? Update { get; init; }

    /// <summary>Outcomes, oldest first; acknowledged ones are kept for a while for status output.</summary>
    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];
}
