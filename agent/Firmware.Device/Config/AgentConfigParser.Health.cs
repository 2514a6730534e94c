using Firmware.Device.Yaml;

namespace Firmware.Device.Config;

// The semantic stage for health: and broker:, the sections that name other machines and programs.
public static partial class AgentConfigParser
{
    private static HealthConfig HealthOf(HealthYaml health, BrokerConfig? broker, Checker check)
    {
        var timeout = check.Range(health.TimeoutS ?? (int)HealthConfig.DefaultTimeout.TotalSeconds, 1, DayInSeconds, health, "health.timeout-s");
        var retry = check.Range(health.RetryS ?? (int)HealthConfig.DefaultRetry.TotalSeconds, 1, timeout, health, "health.retry-s");
        if (health.Broker is { } brokerCheck && broker is null)
        {
            throw check.Error(AgentConfigError.Conflict, brokerCheck, "health.broker", "checks the broker, but there is no broker: section");
        }

        var commands = (health.Commands ?? []).Select((c, i) => CommandOf(c, i, check)).ToList();
        check.Distinct(commands.Select(c => c.Name).ToList(), health, "health.commands[].name");
        var disks = (health.Disks ?? []).Select((d, i) => new DiskCheckConfig(
            check.AbsolutePath(d.Mount, d, $"health.disks[{i}].mount"),
            check.Size(d.MinFree ?? throw check.Error(AgentConfigError.MissingKey, d, $"health.disks[{i}].min-free", "is required, such as 64MiB"), d, $"health.disks[{i}].min-free"))).ToList();
        check.Distinct(disks.Select(d => d.Mount).ToList(), health, "health.disks[].mount");
        return new HealthConfig
        {
            Timeout = TimeSpan.FromSeconds(timeout),
            Retry = TimeSpan.FromSeconds(retry),
            Services = health.Services is { } services ? ServicesOf(services, check) : null,
            BrokerTimeout = health.Broker is { } b ? TimeSpan.FromSeconds(check.Range(b.TimeoutS ?? (int)HealthConfig.DefaultBrokerTimeout.TotalSeconds, 1, timeout, b, "health.broker.timeout-s")) : null,
            Commands = commands,
            MinMemoryAvailable = health.MinMemory is { } memory ? check.Size(memory, health, "health.min-memory") : null,
            Disks = disks,
        };
    }

    private static ServicesCheckConfig ServicesOf(ServicesYaml services, Checker check)
    {
        var required = services.Required is { Count: > 0 } names
            ? check.Distinct(names.Select((n, i) => check.Name(n, services, $"health.services.required[{i}]")).ToList(), services, "health.services.required")
            : throw check.Error(AgentConfigError.MissingKey, services, "health.services.required", "is required: the services that must be running");
        return new ServicesCheckConfig(check.AbsolutePath(services.Status ?? ServicesCheckConfig.DefaultStatusFile, services, "health.services.status"), required)
        {
            MinUptime = TimeSpan.FromSeconds(check.Range(services.UpS ?? 0, 0, DayInSeconds, services, "health.services.up-s")),
        };
    }

    private static CommandCheckConfig CommandOf(CommandYaml command, int index, Checker check)
    {
        var key = $"health.commands[{index}]";
        if (command.Run is not { Count: > 0 } run || run.Any(string.IsNullOrEmpty))
        {
            throw check.Error(AgentConfigError.MissingKey, command, $"{key}.run", "is required: the program and its arguments, such as [/bin/ping, -c1, gateway]");
        }

        // No shell and no PATH lookup: the agent must run exactly the program the file names.
        var program = check.AbsolutePath(run[0], command, $"{key}.run[0]");
        var name = command.Name is { } n ? check.Name(n, command, $"{key}.name") : Path.GetFileName(program);
        var timeout = check.Range(command.TimeoutS ?? (int)HealthConfig.DefaultCommandTimeout.TotalSeconds, 1, DayInSeconds, command, $"{key}.timeout-s");
        return new CommandCheckConfig(name, [.. run], TimeSpan.FromSeconds(timeout));
    }

    private static BrokerConfig BrokerOf(BrokerYaml broker, Checker check)
    {
        if (broker.Url is null)
        {
            throw check.Error(AgentConfigError.MissingKey, broker, "broker.url", "is required, such as mqtts://broker.example:8883");
        }

        var (tls, host, port) = BrokerUrl.TryParse(broker.Url, out var parsed)
            ? parsed
            : throw check.Error(AgentConfigError.InvalidValue, broker, "broker.url", $"'{broker.Url}' is not mqtt://HOST[:PORT] or mqtts://HOST[:PORT]");
        var paths = new (string? Value, string Key)[] { (broker.Ca, "ca"), (broker.Cert, "cert"), (broker.Key, "key") };
        if (!tls && paths.FirstOrDefault(p => p.Value is not null) is { Key: { } tlsKey })
        {
            throw check.Error(AgentConfigError.Conflict, broker, $"broker.{tlsKey}", "is a TLS setting, but the URL is mqtt:// (use mqtts://)");
        }

        if ((broker.Cert is null) != (broker.Key is null))
        {
            throw check.Error(AgentConfigError.MissingKey, broker, broker.Cert is null ? "broker.cert" : "broker.key", "a client certificate needs both cert: and key:");
        }

        if ((broker.Username is null) != (broker.PasswordFile is null))
        {
            throw check.Error(AgentConfigError.MissingKey, broker, broker.Username is null ? "broker.username" : "broker.password-file", "a password login needs both username: and password-file:");
        }

        if (broker.Username is not null && !tls)
        {
            throw check.Error(AgentConfigError.Conflict, broker, "broker.password-file", "a password over mqtt:// travels in clear; use mqtts://");
        }

        if (broker.Username is not null && broker.Cert is not null)
        {
            throw check.Error(AgentConfigError.Conflict, broker, "broker.username", "give a client certificate or a username, not both");
        }

        return new BrokerConfig
        {
            Url = broker.Url,
            Host = host,
            Port = port,
            UseTls = tls,
            CaFile = broker.Ca is { } ca ? check.AbsolutePath(ca, broker, "broker.ca") : null,
            CertificateFile = broker.Cert is { } cert ? check.AbsolutePath(cert, broker, "broker.cert") : null,
            KeyFile = broker.Key is { } keyFile ? check.AbsolutePath(keyFile, broker, "broker.key") : null,
            Username = broker.Username is { } user ? check.Name(user, broker, "broker.username") : null,
            PasswordFile = broker.PasswordFile is { } password ? check.AbsolutePath(password, broker, "broker.password-file") : null,
        };
    }
}
