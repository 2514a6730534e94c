namespace Firmware.Device.Config;

/// <summary>The health gate's settings: its deadline and the checks, each optional.</summary>
public sealed record HealthConfig
{
    /// <summary>The deadline when agent.yml gives none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The pause between rounds of checks when agent.yml gives none.</summary>
    public static readonly TimeSpan DefaultRetry = TimeSpan.FromSeconds(5);

    /// <summary>The broker check's connect timeout when agent.yml gives none.</summary>
    public static readonly TimeSpan DefaultBrokerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The command checks' timeout when agent.yml gives none.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the checks have, in total, to pass after a trial boot.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>How long to wait before running the checks that failed again.</summary>
    public TimeSpan Retry { get; init; } = DefaultRetry;

    /// <summary>The services that must be running, as the init reports them; null for no check.</summary>
    public ServicesCheckConfig? Services { get; init; }

    /// <summary>The broker's TCP connect timeout; null for no broker check.</summary>
    public TimeSpan? BrokerTimeout { get; init; }

    /// <summary>Commands that must exit 0.</summary>
    public IReadOnlyList<CommandCheckConfig> Commands { get; init; } = [];

    /// <summary>The least MemAvailable in bytes; null for no check.</summary>
    public long? MinMemoryAvailable { get; init; }

    /// <summary>The least free space per mount.</summary>
    public IReadOnlyList<DiskCheckConfig> Disks { get; init; } = [];
}

/// <summary>The services check.</summary>
/// <param name="StatusFile">The file the init writes its service table to (docs/agent.md, "Service status").</param>
/// <param name="Required">The services that must be running.</param>
public sealed record ServicesCheckConfig(string StatusFile, IReadOnlyList<string> Required)
{
    /// <summary>Where the init writes the table when agent.yml does not say.</summary>
    public const string DefaultStatusFile = "/run/fw-init/services";

    /// <summary>How long a required service must have been running (the status's <c>since</c>), so a
    /// service in a crash loop that the init saw up for a moment does not pass; zero for no minimum.</summary>
    public TimeSpan MinUptime { get; init; }
}

/// <summary>A command that must exit 0.</summary>
/// <param name="Name">The check's name in reports.</param>
/// <param name="Arguments">The program and its arguments (no shell).</param>
/// <param name="Timeout">How long it may run before it is killed and counted as failed.</param>
public sealed record CommandCheckConfig(string Name, IReadOnlyList<string> Arguments, TimeSpan Timeout);

/// <summary>A mount that must keep some space free.</summary>
/// <param name="Mount">The mount point (any path on the file system counts).</param>
/// <param name="MinFree">The least space available to unprivileged writers, in bytes.</param>
public sealed record DiskCheckConfig(string Mount, long MinFree);
