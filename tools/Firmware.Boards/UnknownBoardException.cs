namespace Firmware.Boards;

/// <summary>A board name with no boards/NAME/board.yml. The message lists the boards there are.</summary>
public sealed class UnknownBoardException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnknownBoardException(string name, IReadOnlyList<string> known)
        : base($"unknown board '{name}'; known boards: {(known.Count == 0 ? "none" : string.Join(", ", known))}")
    {
        Name = name;
        Known = known;
    }

    /// <summary>Creates the exception with no details.</summary>
    public UnknownBoardException() => (Name, Known) = ("", []);

    /// <summary>Creates the exception with a message.</summary>
    public UnknownBoardException(string message) : base(message) => (Name, Known) = ("", []);

    /// <summary>Creates the exception with a message and a cause.</summary>
    public UnknownBoardException(string message, Exception innerException) : base(message, innerException) => (Name, Known) = ("", []);

    /// <summary>The name asked for.</summary>
    public string Name { get; }

    /// <summary>The boards that exist.</summary>
    public IReadOnlyList<string> Known { get; }
}
