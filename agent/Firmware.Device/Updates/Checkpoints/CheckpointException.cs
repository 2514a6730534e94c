namespace Firmware.Device.Updates.Checkpoints;

/// <summary>The checkpoint cannot be used by this agent (a newer schema).</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception with a message naming the file.</summary>
    public CheckpointException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public CheckpointException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public CheckpointException() { }
}
