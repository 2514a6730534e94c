namespace Firmware.Fleet.Controller.Api;

/// <summary>
/// <c>POST /api/rollouts</c>: the options of <c>fwtool rollout start</c> as the user wrote them,
/// parsed by the controller with <see cref="Rollouts.RolloutArguments"/> so both ends refuse the same text.
/// </summary>
public sealed record RolloutRequest
{
    /// <summary>The bundle id (uploaded first with <c>POST /api/bundles</c>).</summary>
    public required string BundleId { get; init; }

    /// <summary><c>--target</c>, or null for every compatible device.</summary>
    public string? Target { get; init; }

    /// <summary><c>--waves</c>.</summary>
    public required string Waves { get; init; }

    /// <summary><c>--max-failures</c>.</summary>
    public string MaxFailures { get; init; } = "0";

    /// <summary><c>--success</c>.</summary>
    public string Success { get; init; } = "100%";

    /// <summary><c>--soak</c>.</summary>
    public string Soak { get; init; } = "0s";

    /// <summary><c>--max-concurrent</c>, or null for no cap.</summary>
    public int? MaxConcurrent { get; init; }

    /// <summary><c>--deadline</c>.</summary>
    public string Deadline { get; init; } = "24h";

    /// <summary>The spec, parsed and checked.</summary>
    /// <exception cref="ArgumentException">A value that does not parse or is out of range, naming its option.</exception>
    public Rollouts.RolloutSpec ToSpec()
    {
        var spec = new Rollouts.RolloutSpec
        {
            BundleId = BundleId,
            Target = Target is null ? new() : Rollouts.RolloutTarget.Parse(Target),
            Waves = Rollouts.RolloutArguments.Waves(Waves),
            MaxFailures = Rollouts.RolloutArguments.Count(MaxFailures, "--max-failures"),
            SuccessThreshold = Rollouts.RolloutArguments.Ratio(Success, "--success"),
            Soak = Rollouts.RolloutArguments.Duration(Soak, "--soak"),
            MaxConcurrent = MaxConcurrent ?? int.MaxValue,
            JobLifetime = Rollouts.RolloutArguments.Duration(Deadline, "--deadline"),
        };
        spec.Validate();
        return spec;
    }
}
