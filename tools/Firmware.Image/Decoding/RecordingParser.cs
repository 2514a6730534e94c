using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Firmware.Image.Decoding;

/// <summary>
/// A parser that remembers the event before the current one. When the deserializer looks a key up,
/// the key's scalar has just been consumed: this is how its position is known.
/// </summary>
internal sealed class RecordingParser(IParser inner) : IParser
{
    public ParsingEvent? Current => inner.Current;

    /// <summary>The event consumed last.</summary>
    public ParsingEvent? Previous { get; private set; }

    public bool MoveNext()
    {
        Previous = inner.Current;
        return inner.MoveNext();
    }
}
