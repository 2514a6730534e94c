using System.Text.Json.Serialization;
using Firmware.Oci.Model;

namespace Firmware.Oci.Json;

/// <summary>
/// Source-generated JSON for OCI documents (AOT-safe, no reflection). Unknown keys are ignored,
/// as image-spec requires of readers; missing required keys and nulls where a value is required
/// are errors. Output is compact with declaration-ordered keys, so the same document always has
/// the same bytes and so the same digest.
/// </summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false,
    MaxDepth = 32)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(LayoutMarker))]
[JsonSerializable(typeof(IReadOnlyList<DockerArchiveEntry>))]
[JsonSerializable(typeof(MediaTypeProbe))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
