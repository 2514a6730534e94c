namespace Firmware.Device.Health;

/// <summary>
/// Passes when every required service is running, as the init reports, and has been for at least
/// <c>minUptime</c> by its <c>since</c>: the init calls a service running once it has been up for a
/// moment, so a service that crashes a little later would otherwise pass a round between crashes.
/// </summary>
public sealed class ServicesCheck(IServiceStatusSource source, IReadOnlyList<string> required, TimeSpan minUptime, TimeProvider clock) : IHealthCheck
{
    /// <summary>Passes on the state alone.</summary>
    public ServicesCheck(IServiceStatusSource source, IReadOnlyList<string> required)
        : this(source, required, TimeSpan.Zero, TimeProvider.System)
    {
    }

    /// <inheritdoc/>
    public string Name => "services";

    /// <inheritdoc/>
    public async Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ServiceStatus> services;
        try
        {
            services = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceStatusException e)
        {
            return new HealthCheckResult(Name, false, e.Message);
        }

        var now = clock.GetUtcNow();
        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var problems = required
            .Select(name => byName.TryGetValue(name, out var s) ? Problem(s, now) : $"{name} is not known to the init")
            .OfType<string>()
            .ToList();
        return problems.Count == 0
            ? new HealthCheckResult(Name, true, $"{required.Count} running")
            : new HealthCheckResult(Name, false, string.Join(", ", problems));
    }

    private string? Problem(ServiceStatus service, DateTimeOffset now)
    {
        if (service.State != ServiceStatus.Running)
        {
            return $"{service.Name} is {service.State}{(service.Restarts is > 0 and var n ? $" after {n} restarts" : "")}";
        }

        if (minUptime <= TimeSpan.Zero)
        {
            return null;
        }

        return service.Since is not { } since
            ? $"{service.Name} is running, but the init does not say since when (need {minUptime.TotalSeconds:0} s up)"
            : now - since < minUptime
                ? $"{service.Name} is running for {Math.Max(0, (now - since).TotalSeconds):0} s, need {minUptime.TotalSeconds:0}"
                : null;
    }
}
