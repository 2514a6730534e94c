namespace Firmware.Fleet.Payloads;

/// <summary>Why a job failed, in a progress report: the engine's error code and its detail.</summary>
public sealed record ProgressError
{
    /// <summary>The error code's name (the engine's <c>UpdateError</c>, or <c>UnsupportedSchema</c>, <c>MalformedPayload</c>).</summary>
    public required string Code { get; init; }

    /// <summary>What happened, for people.</summary>
    public required string Detail { get; init; }

    internal void Validate(string topic)
    {
        FleetJson.RequireName(Code, topic, "error.code");
        FleetJson.Require(Detail.Length <= FleetLimits.MaxErrorDetail, topic, "error.detail", $"must be at most {FleetLimits.MaxErrorDetail} characters");
    }
}
