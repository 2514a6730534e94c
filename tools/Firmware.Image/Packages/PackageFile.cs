namespace Firmware.Image.Packages;

/// <summary>A file of a package: copied from the package directory into the image.</summary>
/// <param name="Source">The path relative to the package directory (never absolute, never climbing out with <c>..</c>).</param>
/// <param name="Destination">The absolute path in the image.</param>
/// <param name="Uid">The owner's user id (default 0).</param>
/// <param name="Gid">The owner's group id (default 0).</param>
/// <param name="Mode">The permission bits, or null to keep the source file's (git records the executable bit).</param>
public sealed record PackageFile(string Source, string Destination, uint Uid, uint Gid, uint? Mode);
