namespace Firmware.Install;

/// <summary>A payload is larger than the slot it was meant for; nothing was written.</summary>
public sealed class SlotTooSmallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SlotTooSmallException(long payloadSize, long slotCapacity)
        : base($"payload of {payloadSize} bytes does not fit the slot of {slotCapacity} bytes")
    {
        PayloadSize = payloadSize;
        SlotCapacity = slotCapacity;
    }

    /// <inheritdoc cref="Exception()"/>
    public SlotTooSmallException() { }

    /// <inheritdoc cref="Exception(string)"/>
    public SlotTooSmallException(string message) : base(message) { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public SlotTooSmallException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The payload's size.</summary>
    public long PayloadSize { get; }

    /// <summary>The slot's capacity.</summary>
    public long SlotCapacity { get; }
}
