namespace Firmware.Init.Shutdown;

/// <summary>One mount of /proc/self/mountinfo: where, what filesystem type, and whether it is read-only.</summary>
public sealed record MountEntry(string MountPoint, string FilesystemType, bool ReadOnly);
