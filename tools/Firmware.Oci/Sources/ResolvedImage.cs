using Firmware.Oci.Model;

namespace Firmware.Oci.Sources;

/// <summary>An image found in a source for one platform: its manifest, config and layers.</summary>
public sealed record ResolvedImage
{
    /// <summary>The source that found it (<see cref="IImageSource.Name"/>).</summary>
    public required string Source { get; init; }

    /// <summary>The location as given to the source.</summary>
    public required string Location { get; init; }

    /// <summary>The image's platform, from its config.</summary>
    public required Platform Platform { get; init; }

    /// <summary>The digest of the index the platform was selected from, if there was one.</summary>
    public Digest? IndexDigest { get; init; }

    /// <summary>The platform manifest's descriptor: its digest identifies the image.</summary>
    public required Descriptor ManifestDescriptor { get; init; }

    /// <summary>The platform manifest.</summary>
    public required ImageManifest Manifest { get; init; }

    /// <summary>The image config.</summary>
    public required ImageConfig Config { get; init; }

    /// <summary>The layers, base first.</summary>
    public IReadOnlyList<Descriptor> Layers => Manifest.Layers;

    /// <summary>How errors name the image: <c>source:location</c>.</summary>
    public string DisplayName => $"{Source}:{Location}";
}
