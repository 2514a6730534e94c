namespace Firmware.HostTools;

/// <summary>A program the toolkit runs, and the Debian package that installs it.</summary>
/// <param name="Program">The executable, looked up on PATH unless it is a path.</param>
/// <param name="DebianPackage">The package to name when it is missing, or null when there is none to name (a user's command).</param>
public sealed record HostTool(string Program, string? DebianPackage)
{
    /// <summary>What to tell someone whose machine lacks the program.</summary>
    public string InstallHint => DebianPackage is null ? "" : $"; install the Debian package {DebianPackage} (apt-get install {DebianPackage})";
}
