namespace Firmware.Fleet.Controller.Rollouts;

/// <summary>What a <see cref="RolloutState"/> sees of its rollout and may do to it.</summary>
public interface IRolloutContext
{
    /// <summary>The current time.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Number of waves.</summary>
    int Waves { get; }

    /// <summary>Failures so far (see <see cref="JobRecord.IsFailure"/>).</summary>
    int Failures { get; }

    /// <summary>Failures allowed.</summary>
    int FailureBudget { get; }

    /// <summary>Share of a wave that must commit.</summary>
    double SuccessThreshold { get; }

    /// <summary>The soak after each wave.</summary>
    TimeSpan Soak { get; }

    /// <summary>Starts installs on the wave's devices that have none, within the concurrency cap.</summary>
    void StartInstalls(int wave);

    /// <summary>True when every device of the wave has a job and every job has ended.</summary>
    bool WaveSettled(int wave);

    /// <summary>Devices of the wave that committed, and the wave's size.</summary>
    (int Committed, int Size) WaveResult(int wave);

    /// <summary>Marks committed devices of waves up to <paramref name="wave"/> whose health went bad (or whose version fell back) as failures.</summary>
    void CheckHealth(int wave);

    /// <summary>Rolls back devices in trial, cancels downloads, and returns the aborted state.</summary>
    RolloutState Abort(string reason, bool automatic);
}
