using YamlDotNet.Serialization;

namespace Firmware.Yaml;

/// <summary>
/// Wraps the generated type inspector so that a key with no property is an error we can name,
/// rather than YamlDotNet's message text. It also remembers the last key looked up, so a value
/// that fails to convert can be reported against its key.
/// </summary>
internal sealed class StrictKeys(ITypeInspector inner, KeyTracker keys) : ITypeInspector
{
    public IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container) => inner.GetProperties(type, container);

    public IPropertyDescriptor GetProperty(Type type, object? container, string name, bool ignoreUnmatched, bool caseInsensitivePropertyMatching)
    {
        keys.LastKey = name;
        // Ask leniently, then refuse ourselves: a typo such as 'pulse_ms' must not pass silently.
        return inner.GetProperty(type, container, name, ignoreUnmatched: true, caseInsensitivePropertyMatching: false)
            ?? throw new UnknownKeyException(name);
    }

    public string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

    public string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

    public bool HasParseMethod(Type type) => inner.HasParseMethod(type);

    public object? Parse(string value, Type type) => inner.Parse(value, type);
}

/// <summary>The key most recently looked up, shared by every inspector one deserializer builds.</summary>
internal sealed class KeyTracker
{
    public string? LastKey { get; set; }
}

/// <summary>
/// Raised inside deserialization for a key with no property. Deliberately not a YamlException:
/// YamlDotNet wraps other exceptions in one that carries the key's position, and rethrows its own bare.
/// </summary>
internal sealed class UnknownKeyException(string key) : Exception($"unknown key '{key}'")
{
    public string Key { get; } = key;
}
