namespace Firmware.Device.Health;

/// <summary>One service as the init reports it (docs/agent.md, "Service status").</summary>
/// <param name="Name">The service's name.</param>
/// <param name="State">"starting", "running", "exited" or "failed".</param>
/// <param name="Restarts">How many times the init has restarted it since boot, if it says.</param>
public sealed record ServiceStatus(string Name, string State, int? Restarts)
{
    /// <summary>The state of a service that is up.</summary>
    public const string Running = "running";

    /// <summary>When the service entered its state, if the init says.</summary>
    public DateTimeOffset? Since { get; init; }
}
