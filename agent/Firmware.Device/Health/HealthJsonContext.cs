using System.Text.Json.Serialization;

namespace Firmware.Device.Health;

/// <summary>One line of the init's status file as written. Unknown keys are allowed, so the init can add fields.</summary>
internal sealed class ServiceStatusLine
{
    public string? Name { get; set; }

    public string? State { get; set; }

    public int? Restarts { get; set; }

    public DateTimeOffset? Since { get; set; }
}

/// <summary>Source-generated JSON for the init's status lines (AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ServiceStatusLine))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
