namespace Firmware.Device.Health;

/// <summary>Where the init's view of its services comes from (the status file it writes).</summary>
public interface IServiceStatusSource
{
    /// <summary>The services the init knows, as of now.</summary>
    /// <exception cref="ServiceStatusException">The init's report is missing or malformed.</exception>
    Task<IReadOnlyList<ServiceStatus>> ReadAsync(CancellationToken cancellationToken);
}
