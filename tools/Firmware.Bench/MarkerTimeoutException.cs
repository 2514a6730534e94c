namespace Firmware.Bench;

/// <summary>The console did not print the marker in time. Carries the tail of the log for the report.</summary>
public sealed class MarkerTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public MarkerTimeoutException(string marker, TimeSpan timeout, string device, string tail)
        : base($"'{marker}' did not appear on {device} within {timeout.TotalSeconds:0.###} s")
    {
        Marker = marker;
        Timeout = timeout;
        Device = device;
        Tail = tail;
    }

    /// <inheritdoc cref="Exception()"/>
    public MarkerTimeoutException() => (Marker, Device, Tail) = ("", "", "");

    /// <inheritdoc cref="Exception(string)"/>
    public MarkerTimeoutException(string message) : base(message) => (Marker, Device, Tail) = ("", "", "");

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public MarkerTimeoutException(string message, Exception innerException) : base(message, innerException) => (Marker, Device, Tail) = ("", "", "");

    /// <summary>The text waited for.</summary>
    public string Marker { get; }

    /// <summary>How long it was waited for.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The console device.</summary>
    public string Device { get; }

    /// <summary>The last lines the console printed (decoded as UTF-8, invalid bytes replaced).</summary>
    public string Tail { get; }
}
