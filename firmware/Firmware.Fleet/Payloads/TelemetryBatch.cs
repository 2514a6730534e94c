using System.Text.Json;

namespace Firmware.Fleet.Payloads;

/// <summary>
/// A <c>telemetry</c> message (docs/protocol.md 3.2): samples, oldest first. Each sample is the
/// agent's telemetry sample JSON with its own schema, carried as is.
/// </summary>
public sealed record TelemetryBatch
{
    private const string Topic = "telemetry";

    /// <summary>The schema, <see cref="FleetLimits.Schema"/>.</summary>
    public int Schema { get; init; } = FleetLimits.Schema;

    /// <summary>The device id.</summary>
    public required string Id { get; init; }

    /// <summary>1..64 samples, each a JSON object.</summary>
    public required IReadOnlyList<JsonElement> Samples { get; init; }

    /// <summary>Parses and checks a telemetry payload.</summary>
    /// <exception cref="FleetException">Too large, unknown schema, or malformed.</exception>
    public static TelemetryBatch Parse(ReadOnlySpan<byte> utf8)
    {
        var value = FleetJson.Decode(utf8, FleetJsonContext.Default.TelemetryBatch, FleetLimits.MaxTelemetryPayload, Topic);
        value.Validate();
        return value;
    }

    /// <summary>The payload's JSON (checked first).</summary>
    public byte[] ToJson()
    {
        Validate();
        var json = FleetJson.Encode(this, FleetJsonContext.Default.TelemetryBatch);
        FleetJson.Require(json.Length <= FleetLimits.MaxTelemetryPayload, Topic, "samples", $"encode to more than {FleetLimits.MaxTelemetryPayload} bytes");
        return json;
    }

    private void Validate()
    {
        FleetJson.RequireId(Id, Topic, "id");
        FleetJson.Require(Samples.Count is > 0 and <= FleetLimits.MaxSamples, Topic, "samples", $"must hold 1..{FleetLimits.MaxSamples} samples");
        FleetJson.Require(Samples.All(s => s.ValueKind == JsonValueKind.Object), Topic, "samples", "entries must be objects");
    }
}
