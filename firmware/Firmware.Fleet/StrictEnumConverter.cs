using System.Text.Json;
using System.Text.Json.Serialization;

namespace Firmware.Fleet;

/// <summary>Enums as camelCase names only: an integer where a name is expected is malformed, not a silent member.</summary>
internal sealed class StrictEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where T : struct, Enum;
