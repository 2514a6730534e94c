using System.Text.Json.Serialization;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet;

/// <summary>
/// Source-generated JSON for every fleet payload (AOT-safe). Decoding is strict: unknown and
/// duplicate properties, missing required ones and nulls where a value is required are errors.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 16)]
[JsonSerializable(typeof(DeviceState))]
[JsonSerializable(typeof(JobDocument))]
[JsonSerializable(typeof(ProgressReport))]
[JsonSerializable(typeof(ChunkRequest))]
[JsonSerializable(typeof(TelemetryBatch))]
internal sealed partial class FleetJsonContext : JsonSerializerContext;
