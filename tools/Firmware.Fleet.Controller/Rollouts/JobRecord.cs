using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Rollouts;

/// <summary>One job of a rollout on one device, with the last progress report taken (docs/protocol.md 3.3, 3.4).</summary>
public sealed record JobRecord
{
    /// <summary>The job id, unique per device.</summary>
    public required string JobId { get; init; }

    /// <summary>The rollout.</summary>
    public required string RolloutId { get; init; }

    /// <summary>The device.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Install or rollback (a cancel reuses the install's record: it names the same job id).</summary>
    public required JobAction Action { get; init; }

    /// <summary>The bundle, for an install.</summary>
    public string? BundleId { get; init; }

    /// <summary>The wave (0-based) that started it.</summary>
    public int Wave { get; init; }

    /// <summary>When it was published.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>After this the device does not start it; the controller counts it as expired.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>The highest progress seq taken (0: none yet).</summary>
    public long Seq { get; init; }

    /// <summary>The last progress state, or null before the first report.</summary>
    public ProgressState? State { get; init; }

    /// <summary>Chunks downloaded.</summary>
    public int ChunksDone { get; init; }

    /// <summary>Chunks in all.</summary>
    public int ChunksTotal { get; init; }

    /// <summary>The error of a failed report.</summary>
    public string? Error { get; init; }

    /// <summary>When the terminal report (or expiry) came.</summary>
    public DateTimeOffset? Finished { get; init; }

    /// <summary>True when the deadline passed before a terminal report.</summary>
    public bool Expired { get; init; }

    /// <summary>True once a cancel was published for it.</summary>
    public bool Cancelling { get; init; }

    /// <summary>True once the controller withdrew the install (a cancel or a rollback after an abort): ending cancelled or rolled back is then no failure of the device.</summary>
    public bool Recalled { get; init; }

    /// <summary>True when the device's health went bad during the soak after it committed.</summary>
    public bool HealthFailed { get; init; }

    /// <summary>True once the retained job topic was cleared.</summary>
    public bool Cleared { get; init; }

    /// <summary>True after a terminal report or expiry.</summary>
    public bool IsTerminal => Expired || State is ProgressState.Committed or ProgressState.RolledBack or ProgressState.Failed
        or ProgressState.Rejected or ProgressState.Cancelled;

    /// <summary>True when the device is in (or entering) a trial boot: a rollback job can take it back.</summary>
    public bool InTrial => !IsTerminal && State is ProgressState.Armed or ProgressState.Rebooting or ProgressState.Trial;

    /// <summary>True when the install did not end committed, or its device went bad in the soak: a failure against the budget. A cancel or rollback the controller asked for is not.</summary>
    public bool IsFailure => Action == JobAction.Install
        && (HealthFailed || (IsTerminal && State != ProgressState.Committed && !(Recalled && State is ProgressState.Cancelled or ProgressState.RolledBack)));

    /// <summary>The key in the jobs collection.</summary>
    public string Key => KeyOf(DeviceId, JobId);

    /// <summary>The key of job <paramref name="jobId"/> of <paramref name="deviceId"/>.</summary>
    public static string KeyOf(string deviceId, string jobId) => deviceId + "/" + jobId;
}
