using System.Text.Json.Serialization;

namespace Firmware.Tool.Commands;

/// <summary>Source-generated JSON for the few values flash reports quote.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class FlashJsonContext : JsonSerializerContext;
