namespace Firmware.Yaml;

/// <summary>
/// A YAML text a person wrote was rejected at a place in it. The message reads
/// <c>FILE:LINE:COLUMN: KEY: problem</c>, like a compiler's, so editors can jump to it; the line and
/// column are left out when unknown. Each domain derives its own exception from this one with its
/// own error codes (<see cref="YamlConfigException"/> carries <see cref="YamlError"/>), so every
/// strict YAML file reports its errors in one shape.
/// </summary>
public abstract class YamlSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file (or name) the text came from.</param>
    /// <param name="line">The 1-based line, or 0 when the problem has no place in the file.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="key">The key at fault, as a path such as <c>services[1].capabilities[0]</c>.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The exception that found it, if any.</param>
    protected YamlSourceException(string source, int line, int column, string? key, string problem, Exception? innerException)
        : base(Format(source, line, column, key, problem), innerException)
    {
        File = source;
        Line = line;
        Column = column;
        Key = key;
        Problem = problem;
    }

    /// <inheritdoc cref="Exception()"/>
    protected YamlSourceException() => (File, Problem) = ("", "");

    /// <inheritdoc cref="Exception(string)"/>
    protected YamlSourceException(string message) : base(message) => (File, Problem) = ("", message);

    /// <inheritdoc cref="Exception(string, Exception)"/>
    protected YamlSourceException(string message, Exception innerException) : base(message, innerException) => (File, Problem) = ("", message);

    /// <summary>The file (or name) the text came from.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when the problem has no place in the file.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, or 0 when not known.</summary>
    public int Column { get; }

    /// <summary>The key at fault, as a path (<c>bench.power.line</c>, <c>services[1].capabilities[0]</c>), if there is one.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the place: for a domain that reports the same fact under its own error codes.</summary>
    public string Problem { get; }

    private static string Format(string source, int line, int column, string? key, string problem) =>
        $"{source}{(line > 0 ? $":{line}" : "")}{(line > 0 && column > 0 ? $":{column}" : "")}: {(key is null ? "" : $"{key}: ")}{problem}";
}
