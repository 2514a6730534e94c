using Firmware.Device.Slots;

namespace Firmware.Device.Updates;

/// <summary>
/// The update in progress, as the checkpoint stores it: enough to resume at any step after a crash
/// or a power cut, and nothing that can be recomputed cheaply.
/// </summary>
public sealed record UpdateRecord
{
    /// <summary>The update's id: also the id of its outcome report, so a receiver can drop a repeat.</summary>
    public required string Id { get; init; }

    /// <summary>Where the bundle comes from, as <see cref="Sources.BundleSources"/> reopens it ("file:/path", "https://...", "stream:").</summary>
    public required string Source { get; init; }

    /// <summary>The payload written to the slot (usually "rootfs").</summary>
    public required string Payload { get; init; }

    /// <summary>The step to run next.</summary>
    public required UpdateStateName State { get; init; }

    /// <summary>The slot that ran when the update was offered: it is never written.</summary>
    public required SlotName ActiveSlot { get; init; }

    /// <summary>The slot being written: the other one.</summary>
    public SlotName TargetSlot => ActiveSlot.Other();

    /// <summary>When the update was offered.</summary>
    public required DateTimeOffset Offered { get; init; }

    /// <summary>The data-partition file the bundle was copied to, when it was (remote and one-shot sources).</summary>
    public string? Staged { get; init; }

    /// <summary>Bytes of the staged copy known to be durable: where a resumed download starts.</summary>
    public long Downloaded { get; init; }

    /// <summary>Lowercase hex SHA-256 of the verified manifest's bytes; the write pass must see the same manifest.</summary>
    public string? ManifestSha256 { get; init; }

    /// <summary>The bundle's version, once verified.</summary>
    public string? Version { get; init; }

    /// <summary>The bundle's anti-rollback floor, once verified.</summary>
    public string? MinVersion { get; init; }

    /// <summary>
    /// How many times the current state has been started: the loop counter. A state that keeps being
    /// started without finishing (a crash or boot loop) ends the update once it passes the limit.
    /// </summary>
    public int StateEntries { get; init; }

    /// <summary>Transient failures retried so far in this update.</summary>
    public int Attempts { get; init; }

    /// <summary>Why the update failed or was rolled back, once known.</summary>
    public string? Error { get; init; }

    /// <summary>The error code behind <see cref="Error"/>, when there is one.</summary>
    public UpdateError? ErrorCode { get; init; }

    /// <summary>True once a terminal state has done its work and its outcome is in the outbox.</summary>
    public bool Finished { get; init; }
}
