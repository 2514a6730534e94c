using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Firmware.Yaml;

/// <summary>
/// Records where each deserialized mapping, sequence or scalar object started, so that checks made
/// after deserialization (missing keys, values out of range) can still name the line and column.
/// Value types are skipped: a boxed number has no identity to look it up by.
/// </summary>
/// <typeparam name="TWrapped">The node deserializer it replaces: YamlDotNet allows one registration per type, so each wrapper is a type of its own.</typeparam>
internal sealed class NodeRecorder<TWrapped>(INodeDeserializer inner, SourceMap map) : INodeDeserializer
    where TWrapped : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        var start = reader.Current?.Start;
        if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
        {
            return false;
        }

        if (value is not null && start is { } mark && !value.GetType().IsValueType)
        {
            map.Node(value, mark);
        }

        return true;
    }
}
