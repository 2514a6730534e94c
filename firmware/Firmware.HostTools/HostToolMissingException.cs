namespace Firmware.HostTools;

/// <summary>A host program could not be started; the message names the Debian package that provides it.</summary>
public sealed class HostToolMissingException : IOException
{
    /// <summary>Creates the error for <paramref name="tool"/>.</summary>
    public HostToolMissingException(HostTool tool, Exception innerException)
        : base($"cannot run {tool?.Program}: {innerException?.Message}{tool?.InstallHint}", innerException)
    {
        ArgumentNullException.ThrowIfNull(tool);
        Tool = tool;
    }

    /// <summary>The program that is missing.</summary>
    public HostTool Tool { get; }
}
