using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Firmware.Device.Config;

/// <summary>
/// A YamlDotNet deserializer over a generated static context that refuses unknown and duplicate
/// keys and remembers where every mapping started, so that checks made after deserialization can
/// still name the line. One instance reads one document.
/// </summary>
internal sealed class StrictYaml
{
    private readonly Dictionary<object, Mark> _starts = new(ReferenceEqualityComparer.Instance);

    public StrictYaml(StaticContext context)
    {
        Deserializer = new StaticDeserializerBuilder(context)
            .WithTypeInspector(inner => new RefusingInspector(inner, this))
            .WithNodeDeserializer(inner => new PlaceRecorder(inner, _starts), where => where.InsteadOf<YamlDotNet.Serialization.NodeDeserializers.ObjectNodeDeserializer>())
            .WithDuplicateKeyChecking()
            .Build();
    }

    /// <summary>The deserializer to read the document with.</summary>
    public IDeserializer Deserializer { get; }

    /// <summary>The key most recently looked up: the one a value that failed to convert belongs to.</summary>
    public string? LastKey { get; private set; }

    /// <summary>The 1-based line where <paramref name="mapping"/> started, or 0 if unknown.</summary>
    public int LineOf(object? mapping) => mapping is not null && _starts.TryGetValue(mapping, out var mark) ? (int)mark.Line : 0;

    /// <summary>Asks the generated inspector leniently, then refuses a missing key itself, so a typo
    /// such as <c>interval_s</c> is an error that names the key rather than YamlDotNet's message.</summary>
    private sealed class RefusingInspector(ITypeInspector inner, StrictYaml owner) : ITypeInspector
    {
        public IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container) => inner.GetProperties(type, container);

        public IPropertyDescriptor GetProperty(Type type, object? container, string name, bool ignoreUnmatched, bool caseInsensitivePropertyMatching)
        {
            owner.LastKey = name;
            return inner.GetProperty(type, container, name, ignoreUnmatched: true, caseInsensitivePropertyMatching: false)
                ?? throw new UnknownYamlKeyException(name);
        }

        public string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

        public string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

        public bool HasParseMethod(Type type) => inner.HasParseMethod(type);

        public object? Parse(string value, Type type) => inner.Parse(value, type);
    }

    /// <summary>Notes the start of each object the inner deserializer builds.</summary>
    private sealed class PlaceRecorder(INodeDeserializer inner, Dictionary<object, Mark> starts) : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            var start = reader.Current?.Start;
            var built = inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer);
            if (built && value is not null && start is { } mark)
            {
                starts[value] = mark;
            }

            return built;
        }
    }
}

/// <summary>
/// Raised inside deserialization for a key with no property. Deliberately not a YamlException:
/// YamlDotNet wraps other exceptions in one that carries the key's position.
/// </summary>
internal sealed class UnknownYamlKeyException(string key) : Exception($"unknown key '{key}'")
{
    public string Key { get; } = key;
}
