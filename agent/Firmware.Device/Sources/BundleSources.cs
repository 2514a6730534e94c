namespace Firmware.Device.Sources;

/// <summary>
/// The bundle source backends, registered by scheme: turns what a user or the checkpoint names
/// into an <see cref="IBundleSource"/>.
/// </summary>
public sealed class BundleSources
{
    private readonly Dictionary<string, Func<string, IBundleSource>> _schemes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the registry with the built-in backends: file, http, https.</summary>
    public BundleSources(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        Register(FileBundleSource.Scheme, location => new FileBundleSource(location[(FileBundleSource.Scheme.Length + 1)..]));
        Register(HttpBundleSource.Http, location => new HttpBundleSource(new Uri(location), http));
        Register(HttpBundleSource.Https, location => new HttpBundleSource(new Uri(location), http));
        Register(StreamBundleSource.Scheme, _ => throw StreamBundleSource.NotResumable());
    }

    /// <summary>Registers (or replaces) the backend of <paramref name="scheme"/>; the fleet adds its MQTT source this way.</summary>
    public void Register(string scheme, Func<string, IBundleSource> open)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(open);
        _schemes[scheme] = open;
    }

    /// <summary>Reopens a source from its <see cref="IBundleSource.Location"/>, as stored in the checkpoint.</summary>
    /// <exception cref="ArgumentException">No backend handles the location's scheme.</exception>
    public IBundleSource Reopen(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && _schemes.TryGetValue(location[..colon], out var open)
            ? open(location)
            : throw new ArgumentException($"No bundle source handles '{location}'.", nameof(location));
    }

    /// <summary>What a user typed: an http(s) URL, or else a local path.</summary>
    public IBundleSource Parse(string fileOrUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileOrUrl);
        return fileOrUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || fileOrUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? Reopen(fileOrUrl)
            : new FileBundleSource(fileOrUrl);
    }
}
