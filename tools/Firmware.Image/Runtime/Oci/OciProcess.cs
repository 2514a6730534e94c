using System.Text.Json.Serialization;

namespace Firmware.Image.Runtime.Oci;

/// <summary>The container's process (config.md, "Process").</summary>
public sealed class OciProcess
{
    /// <summary>Whether a terminal is attached.</summary>
    [JsonPropertyName("terminal")]
    public bool Terminal { get; init; }

    /// <summary>The user the process runs as.</summary>
    [JsonPropertyName("user")]
    public required OciUser User { get; init; }

    /// <summary>The command and its arguments.</summary>
    [JsonPropertyName("args")]
    public required IReadOnlyList<string> Args { get; init; }

    /// <summary>The environment, as NAME=VALUE.</summary>
    [JsonPropertyName("env")]
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>The working directory, absolute.</summary>
    [JsonPropertyName("cwd")]
    public required string Cwd { get; init; }

    /// <summary>The capability sets.</summary>
    [JsonPropertyName("capabilities")]
    public OciCapabilities? Capabilities { get; init; }

    /// <summary>Resource limits.</summary>
    [JsonPropertyName("rlimits")]
    public IReadOnlyList<OciRlimit>? Rlimits { get; init; }

    /// <summary>Whether execve may not gain privileges.</summary>
    [JsonPropertyName("noNewPrivileges")]
    public bool NoNewPrivileges { get; init; }

    /// <summary>The OOM killer adjustment.</summary>
    [JsonPropertyName("oomScoreAdj")]
    public int? OomScoreAdj { get; init; }
}
