namespace Firmware.Fleet.Controller.Tests.Integration;

/// <summary>How a <see cref="DeviceDouble"/> ends an install.</summary>
internal enum DeviceBehaviour
{
    /// <summary>Boots the new version and commits.</summary>
    Commit,

    /// <summary>Its health check fails in the trial: it rolls back by itself and reports rolledBack.</summary>
    FailHealth,

    /// <summary>Stays in its trial until a rollback job comes.</summary>
    HoldTrial,
}
