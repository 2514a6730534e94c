namespace Firmware.Yaml;

/// <summary>
/// A YAML file is malformed or breaks its schema. The message reads <c>FILE:LINE:COLUMN: KEY: problem</c>,
/// like a compiler's, so editors can jump to it.
/// </summary>
public sealed class YamlConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public YamlConfigException(YamlError error, string source, int line, string? key, string problem, Exception? innerException = null, int column = 0)
        : base(Format(source, line, column, key, problem), innerException)
    {
        Error = error;
        File = source;
        Line = line;
        Column = column;
        Key = key;
        Problem = problem;
    }

    /// <inheritdoc cref="Exception()"/>
    public YamlConfigException() => (File, Problem) = ("", "");

    /// <inheritdoc cref="Exception(string)"/>
    public YamlConfigException(string message) : base(message) => (File, Problem) = ("", message);

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public YamlConfigException(string message, Exception innerException) : base(message, innerException) => (File, Problem) = ("", message);

    /// <summary>What is wrong.</summary>
    public YamlError Error { get; }

    /// <summary>The file (or name) the text came from.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when the problem has no place in the file.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, or 0 when not known.</summary>
    public int Column { get; }

    /// <summary>The key at fault, as a dotted path (<c>bench.power.line</c>), if there is one.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the place: for a domain that reports the same fact under its own error codes.</summary>
    public string Problem { get; }

    private static string Format(string source, int line, int column, string? key, string problem) =>
        $"{source}{(line > 0 ? $":{line}" : "")}{(line > 0 && column > 0 ? $":{column}" : "")}: {(key is null ? "" : $"{key}: ")}{problem}";
}
