using System.Text.Json.Serialization;

namespace Firmware.Device.Telemetry;

/// <summary>
/// Source-generated JSON for telemetry samples (AOT-safe, no reflection): camelCase, nulls left
/// out, the slot as its letter. Compact: a sample is one MQTT message and one ring entry.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(TelemetrySample))]
public sealed partial class TelemetryJsonContext : JsonSerializerContext;
