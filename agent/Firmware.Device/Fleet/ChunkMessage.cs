namespace Firmware.Device.Fleet;

/// <summary>One <c>chunks/res</c> message as received: its user properties (null when absent) and payload.</summary>
/// <param name="Bundle">The <c>bundle</c> property.</param>
/// <param name="Index">The <c>index</c> property, as text.</param>
/// <param name="Sha256">The <c>sha256</c> property.</param>
/// <param name="Payload">The message payload.</param>
public sealed record ChunkMessage(string? Bundle, string? Index, string? Sha256, ReadOnlyMemory<byte> Payload);
