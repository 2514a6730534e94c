namespace Firmware.HostTools;

/// <summary>One run of a <see cref="HostTool"/>.</summary>
public sealed record HostToolCommand
{
    /// <summary>Creates a command running <paramref name="tool"/> with <paramref name="arguments"/> (no shell).</summary>
    public HostToolCommand(HostTool tool, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(arguments);
        Tool = tool;
        Arguments = arguments;
    }

    /// <summary>The program.</summary>
    public HostTool Tool { get; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Variables to set (a null value removes the variable from the inherited environment).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The working directory, or null for the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Writes the program's standard input (then it is closed), or null for an empty input.</summary>
    public Action<Stream>? StandardInput { get; init; }

    /// <summary>The command as one line, for messages.</summary>
    public override string ToString() => string.Join(' ', Arguments.Prepend(Tool.Program));
}
