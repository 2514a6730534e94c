using Firmware.Boards.Yaml;
using Firmware.Yaml;

namespace Firmware.Boards;

/// <summary>
/// Reads board.yml strictly (docs/boards.md): first the decoding stage (unknown and duplicate keys,
/// wrong types), then the semantic stage in <c>BoardReader.Validate.cs</c> (required keys, ranges,
/// a consistent A/B layout). Every error names the file, line and key. Pure: it reads text; the
/// <see cref="BoardCatalog"/> opens files. The <c>bench:</c> section is decoded here too, so a typo
/// in it fails early, and given its meaning by the bench's own reader.
/// </summary>
public static partial class BoardReader
{
    private static readonly StrictYamlReader Reader = new(new BoardYamlContext());

    /// <summary>Reads and validates a board file's text.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="YamlConfigException">The file is malformed or describes an impossible board.</exception>
    public static Board Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(source);
        return Validate(Reader.Read<BoardYaml>(yaml, source));
    }
}
