namespace Firmware.Yaml;

/// <summary>
/// Where each node and key of a document <see cref="StrictYamlReader"/> read was written, so that
/// the semantic checks that follow can still name the line and column of what they reject. The
/// value itself is on <see cref="YamlDocument{T}"/>; this half lets checks that do not care about
/// the root type (a domain's own error builder) take any document.
/// </summary>
public abstract class YamlDocument
{
    private readonly SourceMap _map;

    private protected YamlDocument(string source, int line, SourceMap map)
    {
        Source = source;
        Line = line;
        _map = map;
    }

    /// <summary>The file (or name) it came from.</summary>
    public string Source { get; }

    /// <summary>The line where the value (the document, or the section's key) starts.</summary>
    public int Line { get; }

    /// <summary>Where <paramref name="node"/> (a mapping, list or string read from the text) starts, or null when it was not read from the text.</summary>
    public YamlPosition? PositionOf(object? node) => At(_map.Of(node));

    /// <summary>Where key <paramref name="key"/> of <paramref name="mapping"/> is written, else where <paramref name="mapping"/> starts, else null.</summary>
    public YamlPosition? PositionOf(object? mapping, string key) => At(_map.Of(mapping, key));

    /// <summary>The line where <paramref name="node"/> starts, or <see cref="Line"/> when it was not read from the text.</summary>
    public int LineOf(object? node) => PositionOf(node)?.Line ?? Line;

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
        return PositionOf(node, bracket < 0 ? last : last[..bracket]) is { } at
            ? new YamlConfigException(error, Source, at.Line, key, problem, column: at.Column)
            : new YamlConfigException(error, Source, Line, key, problem);
    }

    /// <summary>An <see cref="YamlError.InvalidValue"/> error at <paramref name="key"/> of <paramref name="node"/>.</summary>
    public YamlConfigException Invalid(object? node, string key, string problem) => Error(YamlError.InvalidValue, node, key, problem);

    /// <summary>A <see cref="YamlError.MissingKey"/> error at <paramref name="node"/> (the key is absent, so where its mapping starts).</summary>
    public YamlConfigException Missing(object? node, string key, string problem) => Error(YamlError.MissingKey, node, key, problem);

    private static YamlPosition? At(YamlDotNet.Core.Mark? mark) => mark is { } m ? new YamlPosition((int)m.Line, (int)m.Column) : null;
}
