namespace Firmware.Fleet.Controller.Api;

/// <summary>A rollout as <c>fwtool rollout status --json</c> and the control API show it.</summary>
public sealed record RolloutView(
    string Id,
    string BundleId,
    string Version,
    string State,
    string? Reason,
    int Wave,
    int WavesDone,
    IReadOnlyList<int> Plan,
    int Targets,
    int Started,
    int InFlight,
    int Committed,
    int Failures,
    int FailureBudget,
    int RolledBack,
    int Cancelled,
    DateTimeOffset? SoakUntil,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    IReadOnlyList<JobView> Jobs);
