namespace Firmware.Cli;

/// <summary>A key file exists but does not hold a usable key. Exit code 4.</summary>
public sealed class KeyFileException : Exception
{
    /// <inheritdoc cref="Exception(string)"/>
    public KeyFileException(string message) : base(message) { }

    /// <inheritdoc cref="Exception()"/>
    public KeyFileException() { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public KeyFileException(string message, Exception innerException) : base(message, innerException) { }
}
