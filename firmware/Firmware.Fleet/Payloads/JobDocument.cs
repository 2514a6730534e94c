namespace Firmware.Fleet.Payloads;

/// <summary>The retained <c>job</c> document (docs/protocol.md 3.3).</summary>
public sealed record JobDocument
{
    private const string Topic = "job";

    /// <summary>The schema, <see cref="FleetLimits.Schema"/>.</summary>
    public int Schema { get; init; } = FleetLimits.Schema;

    /// <summary>The job's id, unique per device.</summary>
    public required string JobId { get; init; }

    /// <summary>The rollout the job belongs to.</summary>
    public required string RolloutId { get; init; }

    /// <summary>What to do.</summary>
    public required JobAction Action { get; init; }

    /// <summary>The bundle to install (install only).</summary>
    public JobBundle? Bundle { get; init; }

    /// <summary>After this the device does not start or continue the job.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>Parses and checks a <c>job</c> payload.</summary>
    /// <exception cref="FleetException">Too large, unknown schema, or malformed.</exception>
    public static JobDocument Parse(ReadOnlySpan<byte> utf8)
    {
        var value = FleetJson.Decode(utf8, FleetJsonContext.Default.JobDocument, FleetLimits.MaxJobPayload, Topic);
        value.Validate();
        return value;
    }

    /// <summary>
    /// The <c>jobId</c> of a job payload that <see cref="Parse"/> refused, when one can still be
    /// read: a top-level string property that is a valid id (docs/protocol.md section 2: a retained
    /// job that fails parsing is reported <c>rejected</c> when its <c>jobId</c> is readable).
    /// Null for anything that is not a JSON object with such a property.
    /// </summary>
    public static string? ReadableJobId(ReadOnlySpan<byte> utf8) => FleetJson.PeekString(utf8, "jobId"u8) is { } id && DeviceId.IsValid(id) ? id : null;

    /// <summary>The payload's JSON (checked first).</summary>
    public byte[] ToJson()
    {
        Validate();
        return FleetJson.Encode(this, FleetJsonContext.Default.JobDocument);
    }

    private void Validate()
    {
        FleetJson.RequireId(JobId, Topic, "jobId");
        FleetJson.RequireId(RolloutId, Topic, "rolloutId");
        FleetJson.Require((Action == JobAction.Install) == (Bundle is not null), Topic, "bundle", "is required for install and absent otherwise");
        Bundle?.Validate(Topic);
    }
}
