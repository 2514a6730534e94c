using Firmware.Device.Fleet;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Bundles;

/// <summary>
/// A verified bundle in the store and where each transfer unit of docs/protocol.md section 4 lies
/// in its file: the header (index -1) from 0 to <see cref="HeaderLength"/>, chunk i at the layout's offset.
/// </summary>
public sealed record StoredBundle
{
    /// <summary>Hex SHA-256 of the manifest.json bytes: the bundle id.</summary>
    public required string Id { get; init; }

    /// <summary>The manifest's version.</summary>
    public required string Version { get; init; }

    /// <summary>The manifest's compatible strings.</summary>
    public required IReadOnlyList<string> Compatible { get; init; }

    /// <summary>The file in the store.</summary>
    public required string Path { get; init; }

    /// <summary>Size of the .fwb.</summary>
    public required long Size { get; init; }

    /// <summary>Bytes before the first payload's tar header.</summary>
    public required long HeaderLength { get; init; }

    /// <summary>Where every chunk lies (the layout the device assembles, which a canonical bundle has).</summary>
    public required ChunkLayout Layout { get; init; }

    /// <summary>The largest stored chunk.</summary>
    public int ChunkSize => Enumerable.Range(0, Layout.Count).Max(Layout.StoredSize);

    /// <summary>The job document's bundle section.</summary>
    public JobBundle ToJob() => new() { Id = Id, Version = Version, Size = Size, Chunks = Layout.Count, ChunkSize = ChunkSize };

    /// <summary>The length of transfer unit <paramref name="index"/> (-1: the header); null when out of range.</summary>
    public long? LengthOf(int index) => index == FleetLimits.HeaderIndex ? HeaderLength
        : index >= 0 && index < Layout.Count ? Layout.StoredSize(index) : null;

    /// <summary>The offset of transfer unit <paramref name="index"/> in the file.</summary>
    public long OffsetOf(int index) => index == FleetLimits.HeaderIndex ? 0 : Layout.Offset(index);
}
