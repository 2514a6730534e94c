namespace Firmware.Bundles;

/// <summary>
/// One verified chunk handed on by <see cref="BundleReader"/>. <see cref="Data"/> is valid only
/// until the next read.
/// </summary>
/// <param name="Payload">The payload the chunk belongs to.</param>
/// <param name="Index">The chunk's index within the payload.</param>
/// <param name="Offset">Where the chunk's uncompressed bytes start within the payload.</param>
/// <param name="Data">The uncompressed bytes under <see cref="PayloadCheck.Full"/>, the stored bytes under <see cref="PayloadCheck.Stored"/>.</param>
public readonly record struct BundleChunk(PayloadManifest Payload, int Index, long Offset, ReadOnlyMemory<byte> Data);
