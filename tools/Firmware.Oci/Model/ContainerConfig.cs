using System.Text.Json.Serialization;

namespace Firmware.Oci.Model;

/// <summary>
/// The execution defaults in an image config (image-spec 1.1, config.md "config"). The key names
/// are capitalised, as in Docker's config, which OCI kept.
/// </summary>
public sealed record ContainerConfig
{
    /// <summary>The user (name or uid, with optional :group) the process runs as.</summary>
    [JsonPropertyName("User")]
    public string? User { get; init; }

    /// <summary>Ports the container exposes, as a set (values are empty objects).</summary>
    [JsonPropertyName("ExposedPorts")]
    public IReadOnlyDictionary<string, EmptyObject>? ExposedPorts { get; init; }

    /// <summary>Environment, <c>NAME=value</c>.</summary>
    [JsonPropertyName("Env")]
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>The command's fixed prefix.</summary>
    [JsonPropertyName("Entrypoint")]
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>The default arguments (or command, without an entrypoint).</summary>
    [JsonPropertyName("Cmd")]
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Directories meant to be volumes, as a set.</summary>
    [JsonPropertyName("Volumes")]
    public IReadOnlyDictionary<string, EmptyObject>? Volumes { get; init; }

    /// <summary>The working directory.</summary>
    [JsonPropertyName("WorkingDir")]
    public string? WorkingDir { get; init; }

    /// <summary>Labels; <c>org.mobyproject.config</c> carries a package's runtime defaults, as in LinuxKit.</summary>
    [JsonPropertyName("Labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The signal that stops the container.</summary>
    [JsonPropertyName("StopSignal")]
    public string? StopSignal { get; init; }
}
