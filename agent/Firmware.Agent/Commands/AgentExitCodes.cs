namespace Firmware.Agent.Commands;

/// <summary>Exit codes of fwagent's update commands, beside the shared ones in <c>Firmware.Cli.ExitCodes</c> (docs/agent.md).</summary>
internal static class AgentExitCodes
{
    /// <summary>The update failed before any trial; the old slot stays primary.</summary>
    public const int UpdateFailed = 30;

    /// <summary>The update was tried and rolled back; the old slot runs.</summary>
    public const int RolledBack = 31;

    /// <summary>There is nothing to commit or roll back, or an update is already in progress.</summary>
    public const int NoUpdate = 32;

    /// <summary>The checkpoint or the bootloader's state cannot be used.</summary>
    public const int DeviceState = 33;

    /// <summary>The device's health checks did not pass (fwagent health).</summary>
    public const int Unhealthy = 34;
}
