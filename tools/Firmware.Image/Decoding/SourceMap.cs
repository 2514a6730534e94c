using YamlDotNet.Core;

namespace Firmware.Image.Decoding;

/// <summary>
/// Where each deserialized node and key came from, so that checks made after deserialization can
/// still name the line and column. Nodes are looked up by reference: mappings, lists, dictionaries
/// and strings each come out of the parser as objects of their own.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<object, Mark> _nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, Dictionary<string, Mark>> _keys = new(ReferenceEqualityComparer.Instance);

    /// <summary>Remembers where <paramref name="node"/> started (the first position wins: a value is recorded once).</summary>
    public void Node(object node, Mark start) => _nodes.TryAdd(node, start);

    /// <summary>Remembers where key <paramref name="key"/> of <paramref name="mapping"/> was written.</summary>
    public void Key(object mapping, string key, Mark start)
    {
        if (!_keys.TryGetValue(mapping, out var keys))
        {
            _keys[mapping] = keys = new Dictionary<string, Mark>(StringComparer.Ordinal);
        }

        keys[key] = start;
    }

    /// <summary>Where <paramref name="node"/> started, if it was recorded.</summary>
    public Mark? Of(object? node) => node is not null && _nodes.TryGetValue(node, out var mark) ? mark : null;

    /// <summary>Where key <paramref name="key"/> of <paramref name="mapping"/> was written, else where the mapping started.</summary>
    public Mark? Of(object? mapping, string key) =>
        mapping is not null && _keys.TryGetValue(mapping, out var keys) && keys.TryGetValue(key, out var mark) ? mark : Of(mapping);
}
