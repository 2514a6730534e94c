namespace Firmware.Device.Health;

/// <summary>Passes when every required service is running, as the init reports.</summary>
public sealed class ServicesCheck(IServiceStatusSource source, IReadOnlyList<string> required) : IHealthCheck
{
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

        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var problems = required
            .Select(name => byName.TryGetValue(name, out var s)
                ? s.State == ServiceStatus.Running ? null : $"{name} is {s.State}{(s.Restarts is > 0 and var n ? $" after {n} restarts" : "")}"
                : $"{name} is not known to the init")
            .OfType<string>()
            .ToList();
        return problems.Count == 0
            ? new HealthCheckResult(Name, true, $"{required.Count} running")
            : new HealthCheckResult(Name, false, string.Join(", ", problems));
    }
}
