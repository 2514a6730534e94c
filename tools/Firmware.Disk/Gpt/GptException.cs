namespace Firmware.Disk.Gpt;

/// <summary>A GPT that is corrupt, inconsistent, or not a GPT at all.</summary>
public sealed class GptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GptException(GptError error, string message) : base(message) => Error = error;

    /// <summary>Creates the exception with no details.</summary>
    public GptException() { }

    /// <summary>Creates the exception with a message.</summary>
    public GptException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public GptException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What was wrong.</summary>
    public GptError Error { get; }
}
