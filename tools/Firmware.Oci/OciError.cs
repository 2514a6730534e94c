namespace Firmware.Oci;

/// <summary>Why an image, blob or registry answer was rejected. Tests assert these exactly.</summary>
public enum OciError
{
    /// <summary>A digest is not <c>algorithm:hex</c> with a supported algorithm and the right hex length.</summary>
    InvalidDigest,
    /// <summary>An image reference does not parse (docker-style <c>[host/]name[:tag][@digest]</c>).</summary>
    InvalidReference,
    /// <summary>A manifest, index, config or layout file is not valid JSON of the expected shape.</summary>
    MalformedDocument,
    /// <summary>A document's or blob's media type is not one this toolkit reads.</summary>
    UnsupportedMediaType,
    /// <summary>Content hashed to another digest than the one that named it.</summary>
    DigestMismatch,
    /// <summary>Content ended before its declared size.</summary>
    Truncated,
    /// <summary>Content ran past its declared size, or past a limit set before reading.</summary>
    Oversized,
    /// <summary>The image, tag or blob does not exist in the source.</summary>
    NotFound,
    /// <summary>No manifest in the index matches the requested platform.</summary>
    PlatformNotFound,
    /// <summary>The registry refused the credentials, or there were none and it wanted some.</summary>
    Unauthorized,
    /// <summary>The registry or token server answered with an error status or an unreadable body.</summary>
    RegistryFailed,
    /// <summary>The registry did not answer, or stopped sending, within the time allowed.</summary>
    Timeout,
    /// <summary>A layout directory or archive is not laid out as its format requires.</summary>
    InvalidLayout,
}
