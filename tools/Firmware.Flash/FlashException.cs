namespace Firmware.Flash;

/// <summary>A flash was refused or stopped. <see cref="TargetState"/> says what the target now holds.</summary>
public sealed class FlashException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlashException(FlashError error, string message, string targetState, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        TargetState = targetState;
    }

    /// <inheritdoc cref="Exception()"/>
    public FlashException() => TargetState = "";

    /// <inheritdoc cref="Exception(string)"/>
    public FlashException(string message) : base(message) => TargetState = "";

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public FlashException(string message, Exception innerException) : base(message, innerException) => TargetState = "";

    /// <summary>What went wrong.</summary>
    public FlashError Error { get; }

    /// <summary>What the target holds now, for the person at the bench ("untouched", "incomplete: ...").</summary>
    public string TargetState { get; }
}
