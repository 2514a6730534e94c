using Firmware.Bundles;
using Firmware.Trust;

namespace Firmware.Fuzz;

/// <summary>
/// The fuzz targets: one per parser of untrusted input. Each catches exactly
/// <see cref="BundleException"/>, the one way bad input may be rejected, and returns its code
/// (null when the input was accepted). Any other exception escapes, and AFL records it as a crash;
/// the corpus replay test runs the same methods.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The target names, as given on the command line.</summary>
    public static IReadOnlyList<string> Names { get; } = ["manifest", "trust", "bundle"];

    /// <summary>Runs the target called <paramref name="name"/> over <paramref name="input"/>.</summary>
    public static BundleError? Run(string name, ReadOnlySpan<byte> input)
    {
        switch (name)
        {
            case "manifest":
                return Manifest(input);
            case "trust":
                return Trust(input);
            case "bundle":
                using (var stream = new MemoryStream(input.ToArray(), writable: false))
                {
                    return Bundle(stream);
                }

            default:
                throw new ArgumentException($"Unknown fuzz target '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name));
        }
    }

    /// <summary>
    /// <see cref="ManifestRules.Parse"/>. An accepted manifest must also survive a
    /// serialize-and-parse round trip; a rejection there escapes as a crash.
    /// </summary>
    public static BundleError? Manifest(ReadOnlySpan<byte> input)
    {
        BundleManifest manifest;
        try
        {
            manifest = ManifestRules.Parse(input);
        }
        catch (BundleException e)
        {
            return e.Error;
        }

        _ = ManifestRules.Parse(ManifestRules.Serialize(manifest));
        return null;
    }

    /// <summary>
    /// <see cref="TrustFile.Parse"/>, then what a device does with a parsed trust file: check its
    /// self-signature, and try it as a rotation of the fixed trust (<see cref="FuzzKeys.Trust"/>).
    /// </summary>
    public static BundleError? Trust(ReadOnlySpan<byte> input)
    {
        TrustFile trust;
        try
        {
            trust = TrustFile.Parse(input, "trust.json");
        }
        catch (BundleException e)
        {
            return e.Error;
        }

        BundleError? selfSigned = null;
        try
        {
            _ = trust.VerifySelfSigned();
        }
        catch (BundleException e)
        {
            selfSigned = e.Error;
        }

        try
        {
            _ = TrustChain.Advance(FuzzKeys.Trust, [trust], FuzzKeys.Now);
        }
        catch (BundleException e)
        {
            return e.Error;
        }

        return selfSigned;
    }

    /// <summary>
    /// <see cref="BundleReader"/> under <see cref="FuzzKeys.Policy"/>: the manifest, then every
    /// chunk, to the end of the archive.
    /// </summary>
    public static BundleError? Bundle(Stream input)
    {
        try
        {
            using var reader = new BundleReader(input, FuzzKeys.Policy);
            _ = reader.ReadManifestAsync().AsTask().GetAwaiter().GetResult();
            while (reader.ReadChunkAsync().AsTask().GetAwaiter().GetResult() is not null)
            {
            }

            return null;
        }
        catch (BundleException e)
        {
            return e.Error;
        }
    }
}
