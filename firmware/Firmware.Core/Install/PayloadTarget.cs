namespace Firmware.Install;

/// <summary>Where one payload of a bundle is written: a slot's target (its root, its boot partition).</summary>
/// <param name="Payload">The payload's name in the manifest ("rootfs", "boot-b").</param>
/// <param name="Slot">The target, seekable and writable; flushing it makes the writes durable.</param>
/// <param name="Capacity">The target's size; a larger payload is refused before anything is written to any target.</param>
public sealed record PayloadTarget(string Payload, Stream Slot, long Capacity);
