namespace Firmware.Device.Telemetry;

/// <summary>Space on the file system holding a path (statvfs(3)); telemetry and the disk health check share it.</summary>
public interface IFileSystemStats
{
    /// <summary>The file system's size and the space unprivileged writers can still use; false when the path does not exist or cannot be queried.</summary>
    bool TryGetSpace(string path, out long totalBytes, out long freeBytes);
}
