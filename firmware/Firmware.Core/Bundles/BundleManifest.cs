namespace Firmware.Bundles;

/// <summary>
/// The signed description of a bundle: what it is for, what it contains and how each payload
/// is cut into chunks. Serialized as the <c>manifest.json</c> entry (docs/bundle-format.md).
/// </summary>
public sealed record BundleManifest
{
    /// <summary>The one format version this code reads and writes.</summary>
    public const int CurrentFormat = 1;

    /// <summary>Format version; readers reject versions they do not implement.</summary>
    public required int Format { get; init; }

    /// <summary>Board compatible strings this bundle installs on.</summary>
    public required IReadOnlyList<string> Compatible { get; init; }

    /// <summary>The firmware version this bundle installs (semver).</summary>
    public required string Version { get; init; }

    /// <summary>
    /// Anti-rollback floor: once this bundle is installed, the device refuses any bundle whose
    /// version is below this one. Null leaves the device's floor unchanged.
    /// </summary>
    public string? MinVersion { get; init; }

    /// <summary>When the bundle was made (UTC, from SOURCE_DATE_EPOCH when set).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>After this instant devices refuse the bundle, so an old offer cannot be replayed forever.</summary>
    public required DateTimeOffset Expires { get; init; }

    /// <summary>Trust files carried in the bundle, oldest first, each bound by its digest.</summary>
    public IReadOnlyList<TrustReference>? Trust { get; init; }

    /// <summary>The payloads, in the order their entries follow in the archive.</summary>
    public required IReadOnlyList<PayloadManifest> Payloads { get; init; }
}

/// <summary>A trust file carried in the bundle as entry <c>trust/VERSION.json</c>.</summary>
public sealed record TrustReference
{
    /// <summary>The trust file's version.</summary>
    public required int Version { get; init; }

    /// <summary>Lowercase hex SHA-256 of the trust file's bytes.</summary>
    public required string Sha256 { get; init; }
}

/// <summary>One payload: an image for a slot, stored as a sequence of independently compressed chunks.</summary>
public sealed record PayloadManifest
{
    /// <summary>Payload name (e.g. <c>rootfs</c>); the entry is <c>payloads/NAME</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Uncompressed size: the number of bytes that land in the slot.</summary>
    public required long Size { get; init; }

    /// <summary>Size of the entry in the archive: the sum of the chunks' stored sizes.</summary>
    public required long StoredSize { get; init; }

    /// <summary>Compression applied to chunks: <c>zstd</c> or <c>none</c>.</summary>
    public required string Compression { get; init; }

    /// <summary>How chunk boundaries were chosen.</summary>
    public required ChunkingParameters Chunking { get; init; }

    /// <summary>The chunks, in payload order.</summary>
    public required IReadOnlyList<ChunkManifest> Chunks { get; init; }
}

/// <summary>Parameters of the content-defined chunker that cut a payload.</summary>
public sealed record ChunkingParameters
{
    /// <summary>Chunker name; <c>fastcdc-v1</c> is the one defined in docs/bundle-format.md.</summary>
    public required string Algorithm { get; init; }

    /// <summary>Smallest chunk, except the last one of a payload.</summary>
    public required int MinSize { get; init; }

    /// <summary>Target average chunk size (a power of two).</summary>
    public required int AverageSize { get; init; }

    /// <summary>Largest chunk.</summary>
    public required int MaxSize { get; init; }
}

/// <summary>
/// One chunk: the unit of transfer, verification, resume and delta. <see cref="Sha256"/> names
/// the bytes that land (and so identifies the chunk across versions); <see cref="StoredSha256"/>
/// names the bytes that travel. A chunk is zstd-compressed exactly when
/// <see cref="StoredSize"/> is less than <see cref="Size"/>; otherwise it is stored as is and the
/// two digests are equal.
/// </summary>
public sealed record ChunkManifest
{
    /// <summary>Uncompressed size.</summary>
    public required int Size { get; init; }

    /// <summary>Lowercase hex SHA-256 of the uncompressed bytes.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Size as stored in the archive.</summary>
    public required int StoredSize { get; init; }

    /// <summary>Lowercase hex SHA-256 of the stored bytes.</summary>
    public required string StoredSha256 { get; init; }
}
