namespace Firmware.HostTools;

/// <summary>A host program ran and failed; the message holds the command, its exit status and the tail of its output.</summary>
public sealed class HostToolFailedException : IOException
{
    /// <summary>Creates the error for <paramref name="command"/>, which ended with <paramref name="result"/>.</summary>
    public HostToolFailedException(HostToolCommand command, HostToolResult result)
        : base($"{command?.Tool.Program} failed with exit code {result?.ExitCode}: {result?.Tail()}", result?.InputError)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(result);
        Command = command;
        Result = result;
    }

    /// <summary>What was run.</summary>
    public HostToolCommand Command { get; }

    /// <summary>How it ended.</summary>
    public HostToolResult Result { get; }
}
