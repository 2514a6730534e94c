namespace Firmware.Rootfs;

/// <summary>
/// Input was rejected. <see cref="Source"/> names the layer (its digest or name) or the spec
/// section, and <see cref="Entry"/> the path inside it, so the message points at the culprit.
/// </summary>
public sealed class RootfsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RootfsException(RootfsError error, string message, string? source = null, string? entry = null, Exception? innerException = null)
        : base(Describe(message, source, entry), innerException)
    {
        Error = error;
        Source = source;
        Entry = entry;
    }

    /// <inheritdoc cref="Exception()"/>
    public RootfsException() { }

    /// <inheritdoc cref="Exception(string)"/>
    public RootfsException(string message) : base(message) { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public RootfsException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What was wrong.</summary>
    public RootfsError Error { get; }

    /// <summary>The layer digest or name, or the spec section, when known.</summary>
    public new string? Source { get; }

    /// <summary>The entry path as the input wrote it, when known.</summary>
    public string? Entry { get; }

    private static string Describe(string message, string? source, string? entry) => (source, entry) switch
    {
        (null, null) => message,
        (null, _) => $"{message} (entry '{entry}')",
        (_, null) => $"{message} (in {source})",
        _ => $"{message} (in {source}, entry '{entry}')",
    };
}
