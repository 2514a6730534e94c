namespace Firmware.Fleet.Controller.Api;

/// <summary>One job of a rollout in status output.</summary>
public sealed record JobView(string Device, string JobId, string Action, int Wave, string State, int ChunksDone, int ChunksTotal, string? Error);
