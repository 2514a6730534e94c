namespace Firmware.Fleet.Payloads;

/// <summary>The bundle an install job names (docs/protocol.md 3.3).</summary>
public sealed record JobBundle
{
    /// <summary>Hex SHA-256 of the bundle's manifest.json.</summary>
    public required string Id { get; init; }

    /// <summary>The manifest's version.</summary>
    public required string Version { get; init; }

    /// <summary>Size of the .fwb the controller holds.</summary>
    public required long Size { get; init; }

    /// <summary>Chunks over all payloads.</summary>
    public required int Chunks { get; init; }

    /// <summary>The largest stored chunk: no chunk message may be larger.</summary>
    public required int ChunkSize { get; init; }

    internal void Validate(string topic)
    {
        FleetJson.RequireHex(Id, topic, "bundle.id");
        FleetJson.RequireName(Version, topic, "bundle.version");
        FleetJson.Require(Size is > 0 and <= FleetLimits.MaxBundleSize, topic, "bundle.size", "must be 1..2^40");
        FleetJson.Require(Chunks is > 0 and <= FleetLimits.MaxChunks, topic, "bundle.chunks", "must be 1..2^20");
        FleetJson.Require(ChunkSize is > 0 and <= FleetLimits.MaxChunkSize, topic, "bundle.chunkSize", "must be 1..8 MiB");
    }
}
