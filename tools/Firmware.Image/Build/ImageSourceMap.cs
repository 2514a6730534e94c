using Firmware.Image.Spec;

namespace Firmware.Image.Build;

/// <summary>
/// Where each image reference of a spec is read from. The spec keeps LinuxKit's plain references
/// (<c>fw/busybox:dev</c>, <c>registry:5000/name:tag</c>, <c>name@sha256:...</c>) so it stays a
/// valid LinuxKit spec; the build maps a reference, as written, to a transport location in
/// skopeo's syntax (<c>oci:DIR:TAG</c>, <c>oci-archive:FILE:TAG</c>, <c>docker-archive:FILE</c>,
/// <c>docker://HOST/NAME:TAG</c>). A reference with no mapping is pulled from its registry.
/// </summary>
public sealed class ImageSourceMap
{
    private readonly Dictionary<string, string> _locations = new(StringComparer.Ordinal);

    /// <summary>An empty map: every reference is pulled from its registry.</summary>
    public static ImageSourceMap Empty { get; } = new([]);

    /// <summary>A map from spec references (as <see cref="ImageReference.ToString"/> writes them) to locations.</summary>
    /// <exception cref="ArgumentException">A reference is mapped twice, or a key or location is empty.</exception>
    public ImageSourceMap(IEnumerable<KeyValuePair<string, string>> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        foreach (var (reference, location) in locations)
        {
            if (string.IsNullOrEmpty(reference) || string.IsNullOrEmpty(location))
            {
                throw new ArgumentException("a source mapping needs a reference and a location (NAME=LOCATION)", nameof(locations));
            }

            if (!_locations.TryAdd(reference, location))
            {
                throw new ArgumentException($"{reference} is mapped twice", nameof(locations));
            }
        }
    }

    /// <summary>Reads <c>NAME=LOCATION</c> pairs, as <c>--source</c> gives them.</summary>
    /// <exception cref="ArgumentException">A pair has no <c>=</c>, an empty side, or maps a reference twice.</exception>
    public static ImageSourceMap Parse(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new ImageSourceMap(pairs.Select(pair => pair.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && eq < pair.Length - 1
            ? new KeyValuePair<string, string>(pair[..eq], pair[(eq + 1)..])
            : throw new ArgumentException($"'{pair}' is not NAME=LOCATION", nameof(pairs))));
    }

    /// <summary>The transport location of <paramref name="reference"/>: its mapping, else the reference itself (a registry pull).</summary>
    public string LocationOf(ImageReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var text = reference.ToString();
        return _locations.TryGetValue(text, out var location) ? location : text;
    }
}
