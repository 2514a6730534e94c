namespace Firmware.Fleet.Payloads;

/// <summary>A <c>chunks/req</c> message (docs/protocol.md 3.5): the chunks a device asks for.</summary>
public sealed record ChunkRequest
{
    private const string Topic = "chunks/req";

    /// <summary>The schema, <see cref="FleetLimits.Schema"/>.</summary>
    public int Schema { get; init; } = FleetLimits.Schema;

    /// <summary>The job being downloaded.</summary>
    public required string JobId { get; init; }

    /// <summary>The bundle id.</summary>
    public required string Bundle { get; init; }

    /// <summary>1..64 distinct indices; -1 is the bundle header.</summary>
    public required IReadOnlyList<int> Want { get; init; }

    /// <summary>Parses and checks a chunk request.</summary>
    /// <exception cref="FleetException">Too large, unknown schema, or malformed.</exception>
    public static ChunkRequest Parse(ReadOnlySpan<byte> utf8)
    {
        var value = FleetJson.Decode(utf8, FleetJsonContext.Default.ChunkRequest, FleetLimits.MaxSmallPayload, Topic);
        value.Validate();
        return value;
    }

    /// <summary>The payload's JSON (checked first).</summary>
    public byte[] ToJson()
    {
        Validate();
        return FleetJson.Encode(this, FleetJsonContext.Default.ChunkRequest);
    }

    private void Validate()
    {
        FleetJson.RequireId(JobId, Topic, "jobId");
        FleetJson.RequireHex(Bundle, Topic, "bundle");
        FleetJson.Require(Want.Count is > 0 and <= FleetLimits.MaxWant, Topic, "want", $"must hold 1..{FleetLimits.MaxWant} indices");
        FleetJson.Require(Want.All(i => i >= FleetLimits.HeaderIndex && i < FleetLimits.MaxChunks), Topic, "want", "indices must be -1..2^20-1");
        FleetJson.Require(Want.Distinct().Count() == Want.Count, Topic, "want", "indices must be distinct");
    }
}
