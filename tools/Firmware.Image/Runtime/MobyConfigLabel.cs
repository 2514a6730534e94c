using Firmware.Image.Decoding;
using Firmware.Image.Spec;
using Firmware.Image.Yaml;

namespace Firmware.Image.Runtime;

/// <summary>
/// LinuxKit's <c>org.mobyproject.config</c> image label: a JSON object of per-container options
/// (the image schema without name and image) that an image carries as its defaults. It is read
/// with the same strict decoder and validator as a spec's container entries; pkg.yml's
/// <c>config:</c> is written into it with <see cref="Write"/>.
/// </summary>
public static partial class MobyConfigLabel
{
    /// <summary>The label's key.</summary>
    public const string Key = "org.mobyproject.config";

    /// <summary>Reads a label's value.</summary>
    /// <param name="json">The label's value: a JSON (or YAML) object.</param>
    /// <param name="source">Where it came from, for messages (such as the image reference).</param>
    /// <exception cref="SpecException">The label is malformed or invalid.</exception>
    public static RuntimeOptions Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var document = SpecYaml.Read<RuntimeOptionsYaml>(json, source);
        return RuntimeOptionsValidator.Validate(document.Value, "", NameScope.Open, new Checker(document));
    }

    /// <summary>The options an image's labels carry, or <see cref="RuntimeOptions.Empty"/> when it has no such label.</summary>
    /// <exception cref="SpecException">The label is malformed or invalid.</exception>
    public static RuntimeOptions Of(IReadOnlyDictionary<string, string> labels, string source)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.TryGetValue(Key, out var json) && !string.IsNullOrWhiteSpace(json)
            ? Parse(json, $"{source} label {Key}")
            : RuntimeOptions.Empty;
    }
}
