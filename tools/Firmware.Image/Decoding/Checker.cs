using Firmware.Image.Spec;

namespace Firmware.Image.Decoding;

/// <summary>Builds validation errors that point at the line and column a value came from.</summary>
internal sealed class Checker(string source, SourceMap map)
{
    /// <summary>The file (or name) being checked.</summary>
    public string Source => source;

    /// <summary>An error at key <paramref name="yamlKey"/> of <paramref name="owner"/> (else where the owner starts).</summary>
    public SpecException AtKey(SpecError error, object? owner, string yamlKey, string path, string problem)
    {
        var mark = map.Of(owner, yamlKey);
        return new SpecException(error, source, (int)(mark?.Line ?? 0), (int)(mark?.Column ?? 0), path, problem);
    }

    /// <summary>An error at <paramref name="node"/> (a list item, a mapping), else at key <paramref name="yamlKey"/> of <paramref name="owner"/>.</summary>
    public SpecException At(SpecError error, object? node, object? owner, string yamlKey, string path, string problem) =>
        map.Of(node) is { } mark
            ? new SpecException(error, source, (int)mark.Line, (int)mark.Column, path, problem)
            : AtKey(error, owner, yamlKey, path, problem);

    /// <summary>Joins a key path: <c>services[1]</c> + <c>binds</c>.</summary>
    public static string Path(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";
}
