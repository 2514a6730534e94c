namespace Firmware.Bench.Wiring;

/// <summary>
/// A board file's <c>bench:</c> section is malformed. The message reads
/// <c>FILE:LINE: KEY: what is wrong</c>, like a compiler's, so editors can jump to it.
/// </summary>
public sealed class BenchConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BenchConfigException(BenchConfigError error, string source, int line, string? key, string problem, Exception? innerException = null)
        : base(Format(source, line, key, problem), innerException)
    {
        Error = error;
        File = source;
        Line = line;
        Key = key;
    }

    /// <inheritdoc cref="Exception()"/>
    public BenchConfigException() => File = "";

    /// <inheritdoc cref="Exception(string)"/>
    public BenchConfigException(string message) : base(message) => File = "";

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public BenchConfigException(string message, Exception innerException) : base(message, innerException) => File = "";

    /// <summary>What is wrong.</summary>
    public BenchConfigError Error { get; }

    /// <summary>The file (or name) the text came from.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when the problem has no place in the file.</summary>
    public int Line { get; }

    /// <summary>The key at fault, as written in the file, if there is one.</summary>
    public string? Key { get; }

    private static string Format(string source, int line, string? key, string problem) =>
        $"{source}{(line > 0 ? $":{line}" : "")}: {(key is null ? "" : $"{key}: ")}{problem}";
}
