namespace Firmware.HostTools;

/// <summary>How a run ended.</summary>
/// <param name="ExitCode">The exit status.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="InputError">Set when the program stopped reading its standard input early; its status and stderr say why.</param>
public sealed record HostToolResult(int ExitCode, string Stdout, string Stderr, IOException? InputError = null)
{
    /// <summary>True when the program exited with 0 and read all its input.</summary>
    public bool Succeeded => ExitCode == 0 && InputError is null;

    /// <summary>Standard error then standard output, trimmed and cut to the last <paramref name="limit"/> characters, marked with <paramref name="cut"/> when cut.</summary>
    public string Tail(int limit = 2000, string cut = "...")
    {
        var text = (Stderr + Stdout).Trim();
        return text.Length <= limit ? text : cut + text[^limit..];
    }
}
