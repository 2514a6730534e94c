using Firmware.Device.Fleet;
using Firmware.Device.Led;

namespace Firmware.Device.Runtime;

/// <summary>How a <see cref="DeviceRuntime"/> runs, beyond what agent.yml says.</summary>
public sealed record RuntimeOptions
{
    /// <summary>The agent's version, in the birth message.</summary>
    public string AgentVersion { get; init; } = "0.1.0";

    /// <summary>Tags in the birth message (the controller selects rollout targets by them).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The reconnect back-off; null for the protocol's (1 s doubling to 5 min, full jitter).</summary>
    public ReconnectBackoff? Backoff { get; init; }

    /// <summary>The chunk download's window and timeouts; null for the protocol's.</summary>
    public ChunkDownloadOptions? Chunks { get; init; }

    /// <summary>How often a download in progress reports its chunk count, and the LED follows the connection.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The pause before the engine is run again after an unexpected failure (a checkpoint that could not be saved, an init that did not answer).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The status LED, or null.</summary>
    public IStatusLed? Led { get; init; }

    /// <summary>Where the runtime says what it does (the daemon writes it to standard error); null to say nothing.</summary>
    public Action<string>? Log { get; init; }
}
