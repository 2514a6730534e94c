using Firmware.Device.Config;

namespace Firmware.Device.Health;

/// <summary>Builds the health gate agent.yml describes.</summary>
public static class HealthChecks
{
    /// <summary>The configured checks, in the order docs/agent.md lists them: services, broker, commands, memory, disks.</summary>
    public static IReadOnlyList<IHealthCheck> From(AgentConfig config, HealthEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        var health = config.Health;
        var checks = new List<IHealthCheck>();
        if (health.Services is { } services)
        {
            checks.Add(new ServicesCheck(environment.Services(services.StatusFile), services.Required, services.MinUptime, environment.Clock));
        }

        if (health.BrokerTimeout is { } timeout && config.Broker is { } broker)
        {
            checks.Add(new BrokerCheck(environment.Broker, broker.Host, broker.Port, timeout, environment.Clock));
        }

        checks.AddRange(health.Commands.Select(command => new CommandCheck(environment.Commands, command, environment.Clock)));
        if (health.MinMemoryAvailable is { } memory)
        {
            checks.Add(new MemoryCheck(environment.Roots, memory));
        }

        checks.AddRange(health.Disks.Select(disk => new DiskCheck(environment.Disks, disk.Mount, disk.MinFree)));
        return checks;
    }

    /// <summary>The gate over <see cref="From"/>'s checks with agent.yml's deadline and pause.</summary>
    public static HealthGate Gate(AgentConfig config, HealthEnvironment environment) =>
        new(From(config, environment), config.Health.Timeout, config.Health.Retry, environment.Clock);
}
