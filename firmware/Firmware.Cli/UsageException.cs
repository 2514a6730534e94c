namespace Firmware.Cli;

/// <summary>An argument is invalid; the message says which and why. Exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <inheritdoc cref="Exception(string)"/>
    public UsageException(string message) : base(message) { }

    /// <inheritdoc cref="Exception()"/>
    public UsageException() { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public UsageException(string message, Exception innerException) : base(message, innerException) { }
}
