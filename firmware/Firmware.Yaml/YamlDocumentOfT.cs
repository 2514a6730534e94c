namespace Firmware.Yaml;

/// <summary>What <see cref="StrictYamlReader"/> read: the value, and where each node and key in it was written.</summary>
/// <typeparam name="T">The root type.</typeparam>
public sealed class YamlDocument<T> : YamlDocument
    where T : class
{
    internal YamlDocument(T value, string source, int line, SourceMap map)
        : base(source, line, map) => Value = value;

    /// <summary>The deserialized value.</summary>
    public T Value { get; }
}
