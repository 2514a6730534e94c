namespace Firmware.Fleet.Controller.Rollouts;

/// <summary>
/// Where a rollout is. Each state takes one step against the rollout's <see cref="IRolloutContext"/>
/// and returns the next state (itself when nothing changes); the engine persists every change, so
/// a restarted controller continues from the state it had.
/// </summary>
public abstract record RolloutState
{
    /// <summary>The state's name in status output and metrics.</summary>
    public abstract string Name { get; }

    /// <summary>True for states no step leaves.</summary>
    public virtual bool IsTerminal => false;

    /// <summary>The wave (0-based) the rollout is at.</summary>
    public virtual int Wave => 0;

    /// <summary>One step.</summary>
    public abstract RolloutState Advance(IRolloutContext context);

    /// <summary>The failure budget, checked first in every live state: past it, the rollout aborts by itself.</summary>
    protected static RolloutState? OverBudget(IRolloutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Failures > context.FailureBudget
            ? context.Abort($"failure budget exceeded: {context.Failures} failed, {context.FailureBudget} allowed", automatic: true)
            : null;
    }
}

/// <summary>Starting installs of a wave, up to the concurrency cap, until every job of the wave has ended.</summary>
/// <param name="Index">The wave.</param>
public sealed record Installing(int Index) : RolloutState
{
    /// <inheritdoc/>
    public override string Name => "installing";

    /// <inheritdoc/>
    public override int Wave => Index;

    /// <inheritdoc/>
    public override RolloutState Advance(IRolloutContext context)
    {
        if (OverBudget(context) is { } aborted)
        {
            return aborted;
        }

        context.StartInstalls(Index);
        if (!context.WaveSettled(Index))
        {
            return this;
        }

        var (committed, size) = context.WaveResult(Index);
        return committed < context.SuccessThreshold * size
            ? context.Abort($"wave {Index + 1}: {committed} of {size} committed, below the {context.SuccessThreshold:P0} threshold", automatic: true)
            : new Soaking(Index, context.Now + context.Soak);
    }
}

/// <summary>A wave has ended; its devices' health must stay good until <paramref name="Until"/>.</summary>
/// <param name="Index">The wave.</param>
/// <param name="Until">When the soak ends.</param>
public sealed record Soaking(int Index, DateTimeOffset Until) : RolloutState
{
    /// <inheritdoc/>
    public override string Name => "soaking";

    /// <inheritdoc/>
    public override int Wave => Index;

    /// <inheritdoc/>
    public override RolloutState Advance(IRolloutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CheckHealth(Index);
        if (OverBudget(context) is { } aborted)
        {
            return aborted;
        }

        if (context.Now < Until)
        {
            return this;
        }

        return Index + 1 < context.Waves ? new Installing(Index + 1) : new Completed();
    }
}

/// <summary>Paused by the operator: no new installs; jobs in flight go on and still count against the budget.</summary>
/// <param name="Resume">The state <c>resume</c> returns to.</param>
public sealed record Paused(RolloutState Resume) : RolloutState
{
    /// <inheritdoc/>
    public override string Name => "paused";

    /// <inheritdoc/>
    public override int Wave => Resume.Wave;

    /// <inheritdoc/>
    public override RolloutState Advance(IRolloutContext context) => OverBudget(context) ?? this;
}

/// <summary>Every wave installed and soaked.</summary>
public sealed record Completed : RolloutState
{
    /// <inheritdoc/>
    public override string Name => "completed";

    /// <inheritdoc/>
    public override bool IsTerminal => true;

    /// <inheritdoc/>
    public override RolloutState Advance(IRolloutContext context) => this;
}

/// <summary>Stopped: no new installs; devices in their trial were sent rollback jobs, downloads were cancelled.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Automatic">True when the controller decided (budget, threshold), false for <c>rollout abort</c>.</param>
/// <param name="Index">The wave it stopped in: the waves before it were installed and soaked.</param>
public sealed record Aborted(string Reason, bool Automatic, int Index = 0) : RolloutState
{
    /// <inheritdoc/>
    public override string Name => "aborted";

    /// <inheritdoc/>
    public override int Wave => Index;

    /// <inheritdoc/>
    public override bool IsTerminal => true;

    /// <inheritdoc/>
    public override RolloutState Advance(IRolloutContext context) => this;
}
