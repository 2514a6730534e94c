namespace Firmware.Fleet.Payloads;

/// <summary>
/// A <c>progress</c> report (docs/protocol.md 3.4). Idempotent: the controller keeps the highest
/// <see cref="Seq"/> per job and ignores repeats.
/// </summary>
public sealed record ProgressReport
{
    private const string Topic = "progress";

    /// <summary>The schema, <see cref="FleetLimits.Schema"/>.</summary>
    public int Schema { get; init; } = FleetLimits.Schema;

    /// <summary>The job reported on.</summary>
    public required string JobId { get; init; }

    /// <summary>1, 2, ... per job, persisted across reboots.</summary>
    public required long Seq { get; init; }

    /// <summary>Where the job is.</summary>
    public required ProgressState State { get; init; }

    /// <summary>Chunks downloaded and checked.</summary>
    public required int ChunksDone { get; init; }

    /// <summary>The job's chunk count (0 without a bundle).</summary>
    public required int ChunksTotal { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    public ProgressError? Error { get; init; }

    /// <summary>The outcome, with a terminal state only.</summary>
    public JobOutcome? Outcome { get; init; }

    /// <summary>True for the states after which no report of the job follows.</summary>
    public bool IsTerminal => State is ProgressState.Committed or ProgressState.RolledBack or ProgressState.Failed
        or ProgressState.Rejected or ProgressState.Cancelled;

    /// <summary>Parses and checks a <c>progress</c> payload.</summary>
    /// <exception cref="FleetException">Too large, unknown schema, or malformed.</exception>
    public static ProgressReport Parse(ReadOnlySpan<byte> utf8)
    {
        var value = FleetJson.Decode(utf8, FleetJsonContext.Default.ProgressReport, FleetLimits.MaxSmallPayload, Topic);
        value.Validate();
        return value;
    }

    /// <summary>The payload's JSON (checked first).</summary>
    public byte[] ToJson()
    {
        Validate();
        return FleetJson.Encode(this, FleetJsonContext.Default.ProgressReport);
    }

    private void Validate()
    {
        FleetJson.RequireId(JobId, Topic, "jobId");
        FleetJson.Require(Seq >= 1, Topic, "seq", "must be >= 1");
        FleetJson.Require(ChunksTotal is >= 0 and <= FleetLimits.MaxChunks, Topic, "chunksTotal", "must be 0..2^20");
        FleetJson.Require(ChunksDone >= 0 && ChunksDone <= ChunksTotal, Topic, "chunksDone", "must be 0..chunksTotal");
        FleetJson.Require(Outcome is null || State is ProgressState.Committed or ProgressState.RolledBack or ProgressState.Failed,
            Topic, "outcome", "is only allowed with committed, rolledBack or failed");
        Error?.Validate(Topic);
    }
}
