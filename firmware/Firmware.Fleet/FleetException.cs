namespace Firmware.Fleet;

/// <summary>A topic or payload of the fleet protocol that was refused, with the reason as a code.</summary>
public sealed class FleetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FleetException(FleetError error, string message, Exception? inner = null)
        : base(message, inner) => Error = error;

    /// <summary>Creates an exception with no detail (for serializers and analyzers).</summary>
    public FleetException() : this(FleetError.MalformedPayload, "Malformed fleet payload.") { }

    /// <summary>Creates an exception with a message only.</summary>
    public FleetException(string message) : this(FleetError.MalformedPayload, message) { }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public FleetException(string message, Exception innerException) : this(FleetError.MalformedPayload, message, innerException) { }

    /// <summary>The reason.</summary>
    public FleetError Error { get; }
}
