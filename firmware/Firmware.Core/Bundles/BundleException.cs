namespace Firmware.Bundles;

/// <summary>
/// Untrusted input was rejected. <see cref="Error"/> says what failed; <see cref="Entry"/> and
/// <see cref="Offset"/> say where, when known.
/// </summary>
public sealed class BundleException : Exception
{
    /// <summary>Creates an exception for <paramref name="error"/>.</summary>
    public BundleException(BundleError error, string message, string? entry = null, long? offset = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        Entry = entry;
        Offset = offset;
    }

    /// <summary>What failed.</summary>
    public BundleError Error { get; }

    /// <summary>The tar entry or file the failure was found in, if any.</summary>
    public string? Entry { get; }

    /// <summary>The byte offset in the bundle (or file) where the failure was found, if known.</summary>
    public long? Offset { get; }

    /// <summary>The failure class, which fixes the exit code.</summary>
    public BundleErrorClass Class => ClassOf(Error);

    /// <summary>A one-line description naming the code, the entry and the offset.</summary>
    public string Describe()
    {
        var where = (Entry, Offset) switch
        {
            (not null, not null) => $" (entry '{Entry}', offset {Offset})",
            (not null, null) => $" (entry '{Entry}')",
            (null, not null) => $" (offset {Offset})",
            _ => "",
        };
        return $"{Error}: {Message}{where}";
    }

    /// <summary>Maps an error code to its class.</summary>
    public static BundleErrorClass ClassOf(BundleError error) => (int)error switch
    {
        < 200 => BundleErrorClass.Container,
        < 300 => BundleErrorClass.Manifest,
        < 400 => BundleErrorClass.Signature,
        < 500 => BundleErrorClass.Trust,
        < 600 => BundleErrorClass.Integrity,
        _ => BundleErrorClass.Policy,
    };

    /// <inheritdoc cref="Exception()"/>
    public BundleException() : this(BundleError.ManifestMalformed, "Bundle rejected.") { }

    /// <inheritdoc cref="Exception(string)"/>
    public BundleException(string message) : this(BundleError.ManifestMalformed, message) { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public BundleException(string message, Exception innerException) : this(BundleError.ManifestMalformed, message, null, null, innerException) { }
}
