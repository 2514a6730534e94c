namespace Firmware.Bundles;

/// <summary>
/// Every way a bundle, its manifest, its signatures or a trust file can be rejected.
/// Each code belongs to one <see cref="BundleErrorClass"/>, which fixes the exit code the CLIs
/// return; tests assert the code exactly. Numbers are stable: they appear in JSON output.
/// </summary>
public enum BundleError
{
    // Container: the tar stream itself.
    /// <summary>The input is empty.</summary>
    Empty = 100,
    /// <summary>The stream ended inside a header, an entry or before the end-of-archive marker.</summary>
    Truncated = 101,
    /// <summary>A tar header's checksum does not match its bytes.</summary>
    HeaderChecksum = 102,
    /// <summary>A tar header field is malformed (magic, octal number, name encoding), or an entry's padding is not zero.</summary>
    HeaderInvalid = 103,
    /// <summary>An entry is not a regular file (symlink, hard link, device node, directory, FIFO, PAX/GNU extension).</summary>
    UnsupportedEntryType = 104,
    /// <summary>An entry name is absolute, climbs with "..", or holds characters outside the allowed set.</summary>
    UnsafeEntryName = 105,
    /// <summary>An entry appears that the manifest does not list.</summary>
    UnexpectedEntry = 106,
    /// <summary>A listed entry appears out of the order the format fixes.</summary>
    EntryOutOfOrder = 107,
    /// <summary>An entry name appears twice.</summary>
    DuplicateEntry = 108,
    /// <summary>A required entry (signatures, a trust file, a payload) is missing.</summary>
    MissingEntry = 109,
    /// <summary>An entry's tar size differs from the size the manifest declares.</summary>
    EntrySizeMismatch = 110,
    /// <summary>An entry exceeds the format's size limit for its kind.</summary>
    EntryTooLarge = 111,
    /// <summary>Bytes follow the end-of-archive marker.</summary>
    TrailingData = 112,

    // Manifest: the signed description.
    /// <summary>The manifest is not well-formed JSON of the expected schema (unknown or duplicate keys included).</summary>
    ManifestMalformed = 200,
    /// <summary>The manifest declares a format version this reader does not implement.</summary>
    UnsupportedFormat = 201,
    /// <summary>The manifest is well-formed but inconsistent (sizes, chunk sums, limits, names, versions).</summary>
    ManifestInvalid = 202,

    // Signatures.
    /// <summary>The signature entry is not well-formed.</summary>
    SignatureMalformed = 300,
    /// <summary>A signature by a trusted key does not verify.</summary>
    SignatureInvalid = 301,
    /// <summary>No trusted key of the required role signed, only unknown keys.</summary>
    UnknownSigner = 302,
    /// <summary>The same key appears more than once among the signatures.</summary>
    DuplicateSigner = 303,
    /// <summary>Fewer distinct trusted keys signed than the role's threshold.</summary>
    ThresholdNotMet = 304,

    // Trust.
    /// <summary>A trust file is not well-formed or is internally inconsistent.</summary>
    TrustMalformed = 400,
    /// <summary>A trust file has expired.</summary>
    TrustExpired = 401,
    /// <summary>A new trust file does not follow from the current one (version gap, or a threshold of either root set missing).</summary>
    TrustRotationInvalid = 402,
    /// <summary>A trust file in the bundle does not match the digest the manifest binds it to.</summary>
    TrustMismatch = 403,

    // Integrity of payload data.
    /// <summary>A chunk's bytes do not hash to the manifest's digest.</summary>
    ChunkHashMismatch = 500,
    /// <summary>A compressed chunk does not decompress.</summary>
    DecompressionFailed = 501,
    /// <summary>A chunk decompresses to a size other than the declared one (a decompression bomb included).</summary>
    DecompressedSizeMismatch = 502,

    // Policy: valid bundles that this device must not install.
    /// <summary>The bundle is not for this board.</summary>
    IncompatibleBoard = 600,
    /// <summary>The bundle's version is lower than the installed version.</summary>
    Downgrade = 601,
    /// <summary>The bundle's version is below the anti-rollback floor.</summary>
    BelowFloor = 602,
    /// <summary>The bundle has expired.</summary>
    BundleExpired = 603,
}
