namespace Firmware.Fleet.Host.Provisioning;

/// <summary>One file of a credentials directory.</summary>
/// <param name="Path">Relative to the directory, with <c>/</c>.</param>
/// <param name="Content">The text.</param>
/// <param name="Secret">Mode 0600 when true (keys, passwords, the password file), 0644 otherwise.</param>
public sealed record PlannedFile(string Path, string Content, bool Secret);
