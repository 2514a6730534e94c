using Firmware.Oci.Blobs;
using Firmware.Oci.Registry;

namespace Firmware.Oci.Sources;

/// <summary>
/// The image sources by transport name, and the parser of <c>transport:location</c> strings
/// (<c>oci:build/layout:v1</c>, <c>docker://127.0.0.1:5000/app:v1</c>), the syntax skopeo uses.
/// A reference without a transport is a registry reference.
/// </summary>
public sealed class ImageSources
{
    /// <summary>The transport of registry references, and the default.</summary>
    public const string Registry = "docker";

    private readonly Dictionary<string, IImageSource> _sources = new(StringComparer.Ordinal);

    /// <summary>Sources registered by their <see cref="IImageSource.Name"/>.</summary>
    public ImageSources(IEnumerable<IImageSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources)
        {
            if (!_sources.TryAdd(source.Name, source))
            {
                throw new ArgumentException($"two image sources are named '{source.Name}'", nameof(sources));
            }
        }
    }

    /// <summary>
    /// Every backend this library has: <c>oci</c>, <c>oci-archive</c>, <c>docker-archive</c> and
    /// <c>docker</c> (registries), each behind <paramref name="cache"/> when one is given.
    /// </summary>
    public static ImageSources CreateDefault(HttpClient http, RegistryOptions? options = null, BlobCache? cache = null)
    {
        IImageSource[] sources = [new OciLayoutSource(), new OciArchiveSource(), new DockerArchiveSource(), new RegistrySource(http, options)];
        return new ImageSources(cache is null ? sources : sources.Select(s => new CachingImageSource(s, cache)));
    }

    /// <summary>The registered transport names.</summary>
    public IEnumerable<string> Names => _sources.Keys.Order(StringComparer.Ordinal);

    /// <summary>The source named <paramref name="name"/>.</summary>
    public IImageSource this[string name] => _sources.TryGetValue(name, out var source)
        ? source
        : throw new OciException(OciError.InvalidReference, $"unknown image transport '{name}' (known: {string.Join(", ", Names)})");

    /// <summary>Splits <paramref name="reference"/> into its source and the location that source reads.</summary>
    public (IImageSource Source, string Location) Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && _sources.TryGetValue(reference[..colon], out var source))
        {
            var location = reference[(colon + 1)..];
            return (source, source.Name == Registry && location.StartsWith("//", StringComparison.Ordinal) ? location[2..] : location);
        }

        return (this[Registry], reference);
    }
}
