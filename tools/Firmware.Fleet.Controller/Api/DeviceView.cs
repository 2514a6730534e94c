namespace Firmware.Fleet.Controller.Api;

/// <summary>A device as <c>fwtool fleet list --json</c> and the control API show it.</summary>
public sealed record DeviceView(
    string Id,
    string? Board,
    string? Version,
    string? Slot,
    IReadOnlyList<string> Tags,
    bool Online,
    DateTimeOffset? LastSeen,
    string Health,
    string? HealthProblem,
    double? CpuPercent,
    double? MemoryAvailable,
    string? Job,
    string? JobState,
    int ChunksDone,
    int ChunksTotal);
