using Firmware.Image.Spec;
using Firmware.Yaml;

namespace Firmware.Image.Decoding;

/// <summary>Builds validation errors that point at the line and column a value came from.</summary>
internal sealed class Checker(YamlDocument document)
{
    /// <summary>The file (or name) being checked.</summary>
    public string Source => document.Source;

    /// <summary>An error at key <paramref name="yamlKey"/> of <paramref name="owner"/> (else where the owner starts).</summary>
    public SpecException AtKey(SpecError error, object? owner, string yamlKey, string path, string problem) =>
        At(document.PositionOf(owner, yamlKey), error, path, problem);

    /// <summary>An error at <paramref name="node"/> (a list item, a mapping), else at key <paramref name="yamlKey"/> of <paramref name="owner"/>.</summary>
    public SpecException At(SpecError error, object? node, object? owner, string yamlKey, string path, string problem) =>
        document.PositionOf(node) is { } position
            ? At(position, error, path, problem)
            : AtKey(error, owner, yamlKey, path, problem);

    /// <summary>Joins a key path: <c>services[1]</c> + <c>binds</c>.</summary>
    public static string Path(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    private SpecException At(YamlPosition? position, SpecError error, string path, string problem) =>
        new(error, document.Source, position?.Line ?? 0, position?.Column ?? 0, path, problem);
}
