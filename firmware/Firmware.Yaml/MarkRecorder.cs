using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Firmware.Yaml;

/// <summary>
/// Records where each deserialized mapping started, so that checks made after deserialization
/// (missing keys, values out of range) can still name the line.
/// </summary>
internal sealed class MarkRecorder(INodeDeserializer inner, Dictionary<object, Mark> starts) : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        var start = reader.Current?.Start;
        if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
        {
            return false;
        }

        if (value is not null && start is { } mark)
        {
            starts[value] = mark;
        }

        return true;
    }
}
