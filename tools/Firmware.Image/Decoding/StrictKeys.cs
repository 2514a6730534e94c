using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Firmware.Image.Decoding;

/// <summary>
/// Wraps the generated type inspector: a key with no property is an error we can name (rather than
/// YamlDotNet's message text), and every key that is written records its position in the
/// <see cref="SourceMap"/>.
/// </summary>
internal sealed class StrictKeys(ITypeInspector inner, RecordingParser parser, SourceMap map, KeyLog log) : ITypeInspector
{
    public IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container) => inner.GetProperties(type, container);

    public IPropertyDescriptor GetProperty(Type type, object? container, string name, bool ignoreUnmatched, bool caseInsensitivePropertyMatching)
    {
        var start = parser.Previous?.Start ?? Mark.Empty;
        log.LastKey = name;
        // Ask leniently, then refuse ourselves: a typo such as 'capabilites' must not pass silently.
        var property = inner.GetProperty(type, container, name, ignoreUnmatched: true, caseInsensitivePropertyMatching: false)
            ?? throw new UnknownKeyException(name, start);
        return new KeyedProperty(property, name, start, map);
    }

    public string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

    public string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

    public bool HasParseMethod(Type type) => inner.HasParseMethod(type);

    public object? Parse(string value, Type type) => inner.Parse(value, type);
}

/// <summary>The key looked up last, shared by every inspector one deserializer builds, for errors raised while its value converts.</summary>
internal sealed class KeyLog
{
    public string? LastKey { get; set; }
}

/// <summary>
/// Raised inside deserialization for a key with no property. Deliberately not a YamlException:
/// YamlDotNet wraps other exceptions in one that carries a position, and rethrows its own bare.
/// </summary>
internal sealed class UnknownKeyException(string key, Mark start) : Exception($"unknown key '{key}'")
{
    public string Key { get; } = key;

    public Mark Start { get; } = start;
}
