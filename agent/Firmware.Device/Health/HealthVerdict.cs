namespace Firmware.Device.Health;

/// <summary>The outcome of one health gate run: every check, and whether all of them passed.</summary>
/// <param name="Checks">Each check's result, in the order the configuration lists them.</param>
public sealed record HealthVerdict(IReadOnlyList<HealthCheckResult> Checks)
{
    /// <summary>True when every check passed.</summary>
    public bool Healthy => Checks.All(check => check.Passed);

    /// <summary>The failed checks as one line for reports ("services: heartbeat not running; ..."),
    /// or null when healthy.</summary>
    public string? Reason => Healthy
        ? null
        : string.Join("; ", Checks.Where(check => !check.Passed).Select(check => $"{check.Name}: {check.Detail}"));
}
