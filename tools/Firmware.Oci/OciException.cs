namespace Firmware.Oci;

/// <summary>
/// An image source rejected what it read. <see cref="Error"/> says why; the message names the
/// image, and the digest, file or URL involved.
/// </summary>
public sealed class OciException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OciException(OciError error, string message, Exception? innerException = null)
        : base(message, innerException) => Error = error;

    /// <inheritdoc cref="Exception()"/>
    public OciException() => Error = OciError.MalformedDocument;

    /// <inheritdoc cref="Exception(string)"/>
    public OciException(string message) : base(message) => Error = OciError.MalformedDocument;

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public OciException(string message, Exception innerException) : base(message, innerException) => Error = OciError.MalformedDocument;

    /// <summary>What went wrong.</summary>
    public OciError Error { get; }
}
