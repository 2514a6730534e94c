namespace Firmware.Kernel;

/// <summary>
/// Input was rejected. <see cref="Source"/> names the package, image or kernel version, and
/// <see cref="Entry"/> the member, module or path inside it, so the message points at the culprit.
/// </summary>
public sealed class KernelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KernelException(KernelError error, string message, string? source = null, string? entry = null, Exception? innerException = null)
        : base(Describe(message, source, entry), innerException)
    {
        Error = error;
        Source = source;
        Entry = entry;
    }

    /// <inheritdoc cref="Exception()"/>
    public KernelException() { }

    /// <inheritdoc cref="Exception(string)"/>
    public KernelException(string message) : base(message) { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public KernelException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What was wrong.</summary>
    public KernelError Error { get; }

    /// <summary>The package, image or kernel version, when known.</summary>
    public new string? Source { get; }

    /// <summary>The member, module or path, when known.</summary>
    public string? Entry { get; }

    private static string Describe(string message, string? source, string? entry) => (source, entry) switch
    {
        (null, null) => message,
        (null, _) => $"{message} (entry '{entry}')",
        (_, null) => $"{message} (in {source})",
        _ => $"{message} (in {source}, entry '{entry}')",
    };
}
