namespace Firmware.Device.Health;

/// <summary>The init's service status report is missing or malformed; the message names the file and line.</summary>
public sealed class ServiceStatusException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public ServiceStatusException() { }

    /// <inheritdoc cref="Exception(string)"/>
    public ServiceStatusException(string message) : base(message) { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public ServiceStatusException(string message, Exception innerException) : base(message, innerException) { }
}
