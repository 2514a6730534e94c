namespace Firmware.Device.Updates;

/// <summary>
/// A step failed. <see cref="Transient"/> says whether retrying the same step may succeed
/// (network, I/O error) or the update must be reported as failed (bad bundle, slot too small, full disk).
/// </summary>
public sealed class UpdateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UpdateException(UpdateError error, bool transient, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        Transient = transient;
    }

    /// <inheritdoc cref="Exception()"/>
    public UpdateException() : this(UpdateError.SlotIo, false, "Update failed.") { }

    /// <inheritdoc cref="Exception(string)"/>
    public UpdateException(string message) : this(UpdateError.SlotIo, false, message) { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public UpdateException(string message, Exception innerException) : this(UpdateError.SlotIo, false, message, innerException) { }

    /// <summary>What failed.</summary>
    public UpdateError Error { get; }

    /// <summary>True when the step may be retried; false when the update must fail.</summary>
    public bool Transient { get; }
}
