namespace Firmware.Init.Status;

/// <summary>
/// One line of the status table (docs/agent.md, "Service status"): <c>name</c> and <c>state</c>
/// (required by the agent), <c>pid</c> while a process is alive, <c>restarts</c> since boot,
/// <c>since</c> (when the state began, UTC) and <c>exit</c> (how the last run ended, if it did).
/// </summary>
public sealed record ServiceStatusEntry(string Name, string State, int? Pid, int Restarts, DateTimeOffset Since, string? Exit);
