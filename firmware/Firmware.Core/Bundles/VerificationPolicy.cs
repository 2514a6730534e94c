using Firmware.Trust;
using Firmware.Versioning;

namespace Firmware.Bundles;

/// <summary>What a bundle is verified against: the device's trust, the clock and what is installed.</summary>
public sealed record VerificationPolicy
{
    /// <summary>The trust the verifier already holds (the device's trust file).</summary>
    public required TrustFile Trust { get; init; }

    /// <summary>The current time, against which bundle and trust expiry are checked.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The board's compatible string; null skips the board check.</summary>
    public string? Board { get; init; }

    /// <summary>The installed version; a bundle below it is a downgrade. Null skips the check.</summary>
    public FirmwareVersion? InstalledVersion { get; init; }

    /// <summary>The device's anti-rollback floor; a bundle below it is refused. Null skips the check.</summary>
    public FirmwareVersion? Floor { get; init; }

    /// <summary>How deeply payload chunks are checked.</summary>
    public PayloadCheck Check { get; init; } = PayloadCheck.Full;
}

/// <summary>How deeply payload chunks are checked while reading.</summary>
public enum PayloadCheck
{
    /// <summary>
    /// Check the bytes that travel: each stored chunk's digest, and that a compressed chunk's zstd
    /// frame declares the chunk's size. Runs at hashing speed; chunk data handed on is the stored form.
    /// </summary>
    Stored,

    /// <summary>
    /// Also decompress each chunk into a buffer of exactly its declared size and check the digest
    /// of the bytes that land. Chunk data handed on is the uncompressed form.
    /// </summary>
    Full,
}
