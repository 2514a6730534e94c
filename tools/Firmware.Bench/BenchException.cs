namespace Firmware.Bench;

/// <summary>
/// Bench hardware failed or is missing. These are fatal for the command that hit them: the person at
/// the bench has to plug, wire or grant something before a retry can help.
/// </summary>
public sealed class BenchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BenchException(BenchError error, string message, Exception? innerException = null)
        : base(message, innerException) => Error = error;

    /// <inheritdoc cref="Exception()"/>
    public BenchException() { }

    /// <inheritdoc cref="Exception(string)"/>
    public BenchException(string message) : base(message) { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public BenchException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What failed.</summary>
    public BenchError Error { get; }
}
