using YamlDotNet.Core;

namespace Firmware.Yaml;

/// <summary>
/// What <see cref="StrictYamlReader"/> read: the value, and where each mapping in it started, so
/// that the semantic checks that follow can still name the line of what they reject.
/// </summary>
/// <typeparam name="T">The root type.</typeparam>
public sealed class YamlDocument<T>
    where T : class
{
    private readonly IReadOnlyDictionary<object, Mark> _starts;

    internal YamlDocument(T value, string source, int line, IReadOnlyDictionary<object, Mark> starts)
    {
        Value = value;
        Source = source;
        Line = line;
        _starts = starts;
    }

    /// <summary>The deserialized value.</summary>
    public T Value { get; }

    /// <summary>The file (or name) it came from.</summary>
    public string Source { get; }

    /// <summary>The line where the value (the document, or the section's key) starts.</summary>
    public int Line { get; }

    /// <summary>The line where <paramref name="node"/> (a mapping or sequence object inside
    /// <see cref="Value"/>) starts, or <see cref="Line"/> when it is not one.</summary>
    public int LineOf(object? node) => node is not null && _starts.TryGetValue(node, out var mark) ? (int)mark.Line : Line;

    /// <summary>An error placed at <paramref name="node"/>'s line.</summary>
    public YamlConfigException Error(YamlError error, object? node, string key, string problem) => new(error, Source, LineOf(node), key, problem);

    /// <summary>An <see cref="YamlError.InvalidValue"/> error placed at <paramref name="node"/>'s line.</summary>
    public YamlConfigException Invalid(object? node, string key, string problem) => Error(YamlError.InvalidValue, node, key, problem);

    /// <summary>A <see cref="YamlError.MissingKey"/> error placed at <paramref name="node"/>'s line.</summary>
    public YamlConfigException Missing(object? node, string key, string problem) => Error(YamlError.MissingKey, node, key, problem);
}
