using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Firmware.Yaml;

/// <summary>
/// Records where each deserialized mapping, sequence or scalar object started, so that checks made
/// after deserialization (missing keys, values out of range) can still name the line.
/// </summary>
/// <typeparam name="T">The node deserializer it replaces, so one recorder type serves several.</typeparam>
internal sealed class MarkRecorder<T>(INodeDeserializer inner, SourceMap map) : INodeDeserializer
    where T : INodeDeserializer
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
            map.Node(value, mark);
        }

        return true;
    }
}
