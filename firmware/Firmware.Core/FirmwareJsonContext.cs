using System.Text.Json.Serialization;
using Firmware.Bundles;
using Firmware.Signing;
using Firmware.Trust;

namespace Firmware;

/// <summary>
/// Source-generated JSON for every signed document (AOT-safe, no reflection). Decoding is strict:
/// unknown and duplicate keys, missing required keys and nulls where a value is required are errors.
/// Property order is declaration order, so output is byte-for-byte reproducible.
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
    MaxDepth = 16)]
[JsonSerializable(typeof(BundleManifest))]
[JsonSerializable(typeof(DetachedSignatures))]
[JsonSerializable(typeof(SignedEnvelope))]
[JsonSerializable(typeof(TrustDocument))]
internal sealed partial class FirmwareJsonContext : JsonSerializerContext;
