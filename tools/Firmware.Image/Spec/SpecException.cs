using Firmware.Yaml;

namespace Firmware.Image.Spec;

/// <summary>
/// An image spec, pkg.yml or image configuration label is malformed; <see cref="Error"/> says how.
/// The message reads <c>FILE:LINE:COLUMN: KEY: what is wrong</c>, like a compiler's.
/// </summary>
public sealed class SpecException : YamlSourceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What is wrong.</param>
    /// <param name="source">The file (or name) the text came from.</param>
    /// <param name="line">The 1-based line, or 0 when the problem has no place in the file.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="key">The key at fault, as a path such as <c>services[1].capabilities[0]</c>.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The decoder's own exception, if any.</param>
    public SpecException(SpecError error, string source, int line, int column, string? key, string problem, Exception? innerException = null)
        : base(source, line, column, key, problem, innerException) => Error = error;

    /// <inheritdoc cref="Exception()"/>
    public SpecException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public SpecException(string message) : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public SpecException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>What is wrong.</summary>
    public SpecError Error { get; }
}
