namespace Firmware.Fleet.Controller.Rollouts;

/// <summary>A rollout: its spec, the ordered devices it targets, the wave plan over them, and its state.</summary>
public sealed record Rollout
{
    /// <summary>The rollout id (also the prefix of its job ids).</summary>
    public required string Id { get; init; }

    /// <summary>What was asked.</summary>
    public required RolloutSpec Spec { get; init; }

    /// <summary>The bundle's version.</summary>
    public required string Version { get; init; }

    /// <summary>The targets in the order waves take them.</summary>
    public required IReadOnlyList<string> Devices { get; init; }

    /// <summary>The cumulative end of each wave in <see cref="Devices"/>.</summary>
    public required IReadOnlyList<int> Plan { get; init; }

    /// <summary>Where it is.</summary>
    public required RolloutState State { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>When its state last changed.</summary>
    public required DateTimeOffset Updated { get; init; }

    /// <summary>The devices of wave <paramref name="wave"/>.</summary>
    public IEnumerable<string> WaveDevices(int wave) =>
        Devices.Take(Plan[wave]).Skip(wave == 0 ? 0 : Plan[wave - 1]);

    /// <summary>The wave (0-based) it is at; a completed rollout ended at its last.</summary>
    public int Wave => State is Completed ? Plan.Count - 1 : State.Wave;

    /// <summary>The waves installed and soaked: all once completed, otherwise those before <see cref="Wave"/> (an aborted rollout stopped in it).</summary>
    public int WavesDone => State is Completed ? Plan.Count : State.Wave;

    /// <summary>The failures allowed over the whole rollout.</summary>
    public int FailureBudget => Spec.MaxFailures.Of(Devices.Count, roundUp: false);
}
