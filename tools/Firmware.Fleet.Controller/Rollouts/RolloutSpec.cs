namespace Firmware.Fleet.Controller.Rollouts;

/// <summary>What <c>fwtool rollout start</c> asks for: the bundle, the targets and the policy.</summary>
public sealed record RolloutSpec
{
    /// <summary>The bundle id (it must be in the store).</summary>
    public required string BundleId { get; init; }

    /// <summary>Which devices.</summary>
    public RolloutTarget Target { get; init; } = new();

    /// <summary>The waves: cumulative counts or percentages of the targets.</summary>
    public required IReadOnlyList<Share> Waves { get; init; }

    /// <summary>Failures over the whole rollout past which it aborts: a count or a percentage of the targets (rounded down).</summary>
    public Share MaxFailures { get; init; } = new(0, null);

    /// <summary>Share of a wave's devices that must commit for the next wave to start (0..1).</summary>
    public double SuccessThreshold { get; init; } = 1.0;

    /// <summary>After a wave, how long its devices' health must stay good before the next one.</summary>
    public TimeSpan Soak { get; init; }

    /// <summary>Installs in flight at most.</summary>
    public int MaxConcurrent { get; init; } = int.MaxValue;

    /// <summary>How long a device has to finish its job (the job's deadline from its creation).</summary>
    public TimeSpan JobLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Checks the values; the parser already refused what does not parse.</summary>
    /// <exception cref="ArgumentException">A value out of range.</exception>
    public void Validate()
    {
        if (Waves.Count == 0 || Waves.Count > 100)
        {
            throw new ArgumentException("--waves: give 1 to 100 waves, such as 1,10%,100%", nameof(Waves));
        }

        for (var i = 1; i < Waves.Count; i++)
        {
            if (Waves[i].Percent is null == Waves[i - 1].Percent is null
                && (Waves[i].Percent ?? Waves[i].Count) <= (Waves[i - 1].Percent ?? Waves[i - 1].Count))
            {
                throw new ArgumentException($"--waves: wave {i + 1} ({Waves[i]}) is not larger than wave {i} ({Waves[i - 1]}); each wave is the cumulative number of devices", nameof(Waves));
            }
        }

        if (Waves.Any(w => w is { Percent: null, Count: < 1 } or { Percent: <= 0 }))
        {
            throw new ArgumentException("--waves: every wave must hold at least one device", nameof(Waves));
        }

        if (SuccessThreshold is < 0 or > 1 || double.IsNaN(SuccessThreshold))
        {
            throw new ArgumentException("--success: must be 0% to 100%", nameof(SuccessThreshold));
        }

        if (Soak < TimeSpan.Zero || Soak > TimeSpan.FromDays(30))
        {
            throw new ArgumentException("--soak: must be 0 to 30d", nameof(Soak));
        }

        if (MaxConcurrent < 1)
        {
            throw new ArgumentException("--max-concurrent: must be at least 1", nameof(MaxConcurrent));
        }

        if (JobLifetime < TimeSpan.FromSeconds(10) || JobLifetime > TimeSpan.FromDays(365))
        {
            throw new ArgumentException("--deadline: must be 10s to 365d", nameof(JobLifetime));
        }
    }
}
