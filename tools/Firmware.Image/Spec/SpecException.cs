namespace Firmware.Image.Spec;

/// <summary>
/// An image spec, pkg.yml or image configuration label is malformed. The message reads
/// <c>FILE:LINE:COLUMN: KEY: what is wrong</c>, like a compiler's, so editors can jump to it.
/// </summary>
public sealed class SpecException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What is wrong.</param>
    /// <param name="source">The file (or name) the text came from.</param>
    /// <param name="line">The 1-based line, or 0 when the problem has no place in the file.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="key">The key at fault, as a path such as <c>services[1].capabilities[0]</c>.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The parser's own exception, if any.</param>
    public SpecException(SpecError error, string source, int line, int column, string? key, string problem, Exception? innerException = null)
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
    public SpecException() => (File, Problem) = ("", "");

    /// <inheritdoc cref="Exception(string)"/>
    public SpecException(string message) : base(message) => (File, Problem) = ("", message);

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public SpecException(string message, Exception innerException) : base(message, innerException) => (File, Problem) = ("", message);

    /// <summary>What is wrong.</summary>
    public SpecError Error { get; }

    /// <summary>The file (or name) the text came from.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when the problem has no place in the file.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The key at fault, as a path such as <c>services[1].capabilities[0]</c>, if there is one.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; }

    private static string Format(string source, int line, int column, string? key, string problem) =>
        $"{source}{(line > 0 ? $":{line}" : "")}{(line > 0 && column > 0 ? $":{column}" : "")}: {(key is null ? "" : $"{key}: ")}{problem}";
}
