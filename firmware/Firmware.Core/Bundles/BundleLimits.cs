namespace Firmware.Bundles;

/// <summary>
/// Hard limits a reader enforces before it allocates, so the memory verification needs is
/// bounded by these constants and never by the bundle's size.
/// </summary>
public static class BundleLimits
{
    /// <summary>Largest manifest entry (about 40 000 chunks: 10 GiB at the default chunk size).</summary>
    public const int MaxManifestBytes = 8 << 20;

    /// <summary>Largest signature entry.</summary>
    public const int MaxSignaturesBytes = 64 << 10;

    /// <summary>Most trust files a bundle may carry.</summary>
    public const int MaxTrustFiles = 16;

    /// <summary>Most payloads in one bundle.</summary>
    public const int MaxPayloads = 64;

    /// <summary>Most board compatible strings.</summary>
    public const int MaxCompatible = 64;
}
