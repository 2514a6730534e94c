namespace Firmware.Flash;

/// <summary>A progress report: what phase, how far, how long.</summary>
/// <param name="Phase">writing, syncing or verifying.</param>
/// <param name="Done">Bytes done in this phase.</param>
/// <param name="Total">Bytes the phase will do, when known.</param>
/// <param name="Elapsed">Time since the flash started.</param>
public readonly record struct FlashProgress(string Phase, long Done, long? Total, TimeSpan Elapsed);

/// <summary>The outcome of a completed flash.</summary>
/// <param name="ImageSize">The image's size.</param>
/// <param name="BytesWritten">Bytes written.</param>
/// <param name="RangesWritten">Ranges written.</param>
/// <param name="Verified">True when the target was read back and matched.</param>
/// <param name="Elapsed">Total time, sync and verification included.</param>
public sealed record FlashResult(long ImageSize, long BytesWritten, int RangesWritten, bool Verified, TimeSpan Elapsed);
