using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>
/// The generated (reflection-free, NativeAOT-safe) serializer for config.json. Properties are
/// written in declaration order and nulls are left out, so equal inputs give equal bytes.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OciSpec))]
public sealed partial class OciJsonContext : JsonSerializerContext;
