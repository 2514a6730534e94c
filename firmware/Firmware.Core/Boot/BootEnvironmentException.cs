namespace Firmware.Boot;

/// <summary>A bootloader environment could not be read or does not fit its block.</summary>
public sealed class BootEnvironmentException : Exception
{
    /// <inheritdoc cref="Exception(string)"/>
    public BootEnvironmentException(string message) : base(message) { }

    /// <inheritdoc cref="Exception()"/>
    public BootEnvironmentException() { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public BootEnvironmentException(string message, Exception innerException) : base(message, innerException) { }
}
