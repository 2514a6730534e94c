using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Firmware.Image.Decoding;

/// <summary>Records where each deserialized node started, so that later checks can name its line and column.</summary>
/// <typeparam name="TWrapped">The deserializer it wraps: YamlDotNet allows one registration per type, so each wrapper is a type of its own.</typeparam>
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
