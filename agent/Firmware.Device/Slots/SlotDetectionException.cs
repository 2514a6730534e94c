namespace Firmware.Device.Slots;

/// <summary>The booted slot cannot be told: the sources disagree, name neither slot, or say nothing.</summary>
public sealed class SlotDetectionException : Exception
{
    /// <summary>Creates the exception from the evidence; the message names each source and what it said.</summary>
    public SlotDetectionException(string reason, IReadOnlyList<SlotEvidence> evidence)
        : base($"cannot tell the booted slot: {reason}: {string.Join("; ", evidence)}") => Evidence = evidence;

    /// <inheritdoc cref="Exception()"/>
    public SlotDetectionException() => Evidence = [];

    /// <inheritdoc cref="Exception(string)"/>
    public SlotDetectionException(string message) : base(message) => Evidence = [];

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public SlotDetectionException(string message, Exception innerException) : base(message, innerException) => Evidence = [];

    /// <summary>What each source said.</summary>
    public IReadOnlyList<SlotEvidence> Evidence { get; }
}
