namespace Firmware.Yaml;

/// <summary>
/// What <see cref="StrictYamlReader"/> read: the value, and where each node and key in it was
/// written, so that the semantic checks that follow can still name the line and column of what
/// they reject.
/// </summary>
/// <typeparam name="T">The root type.</typeparam>
public sealed class YamlDocument<T>
    where T : class
{
    private readonly SourceMap _map;

    internal YamlDocument(T value, string source, int line, SourceMap map)
    {
        Value = value;
        Source = source;
        Line = line;
        _map = map;
    }

    /// <summary>The deserialized value.</summary>
    public T Value { get; }

    /// <summary>The file (or name) it came from.</summary>
    public string Source { get; }

    /// <summary>The line where the value (the document, or the section's key) starts.</summary>
    public int Line { get; }

    /// <summary>The line where <paramref name="node"/> (an object inside <see cref="Value"/>) starts,
    /// or <see cref="Line"/> when it was not read from the text.</summary>
    public int LineOf(object? node) => _map.Of(node) is { } mark ? (int)mark.Line : Line;

    /// <summary>
    /// An error placed where <paramref name="key"/> is written in <paramref name="node"/>, or where
    /// <paramref name="node"/> starts if the key is absent. <paramref name="key"/> is the path people
    /// read (<c>bootloader.tries</c>, <c>disk.partitions[0].size</c>); its last segment is the key looked up.
    /// </summary>
    public YamlConfigException Error(YamlError error, object? node, string key, string problem)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var last = key[(key.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        var mark = _map.Of(node, bracket < 0 ? last : last[..bracket]);
        return mark is { } at
            ? new YamlConfigException(error, Source, (int)at.Line, key, problem, column: (int)at.Column)
            : new YamlConfigException(error, Source, Line, key, problem);
    }

    /// <summary>An <see cref="YamlError.InvalidValue"/> error at <paramref name="key"/> of <paramref name="node"/>.</summary>
    public YamlConfigException Invalid(object? node, string key, string problem) => Error(YamlError.InvalidValue, node, key, problem);

    /// <summary>A <see cref="YamlError.MissingKey"/> error at <paramref name="node"/> (the key is absent, so where its mapping starts).</summary>
    public YamlConfigException Missing(object? node, string key, string problem) => Error(YamlError.MissingKey, node, key, problem);
}
