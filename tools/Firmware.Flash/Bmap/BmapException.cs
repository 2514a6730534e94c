namespace Firmware.Flash.Bmap;

/// <summary>A bmap file was rejected; <see cref="Line"/> says where, when known.</summary>
public sealed class BmapException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BmapException(BmapError error, string message, int? line = null, Exception? innerException = null)
        : base(line is { } l ? $"{message} (line {l})" : message, innerException)
    {
        Error = error;
        Line = line;
    }

    /// <inheritdoc cref="Exception()"/>
    public BmapException() { }

    /// <inheritdoc cref="Exception(string)"/>
    public BmapException(string message) : base(message) { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public BmapException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What was wrong.</summary>
    public BmapError Error { get; }

    /// <summary>The line in the bmap file, if known.</summary>
    public int? Line { get; }
}
