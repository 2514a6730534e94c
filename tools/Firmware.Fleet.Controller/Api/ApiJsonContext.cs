using System.Text.Json.Serialization;

namespace Firmware.Fleet.Controller.Api;

/// <summary>Source-generated JSON of the control API (fwtool is published NativeAOT): camelCase, strict on read.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(DeviceView[]))]
[JsonSerializable(typeof(RolloutView[]))]
[JsonSerializable(typeof(RolloutView))]
[JsonSerializable(typeof(BundleView))]
[JsonSerializable(typeof(ErrorView))]
[JsonSerializable(typeof(RolloutRequest))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
