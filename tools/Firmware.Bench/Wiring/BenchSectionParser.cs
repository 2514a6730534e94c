using Firmware.Boards.Yaml;
using Firmware.Yaml;

namespace Firmware.Bench.Wiring;

/// <summary>
/// Reads the <c>bench:</c> section of a board file (docs/bench.md) strictly: unknown or duplicate
/// keys, wrong types and missing required keys are errors naming the file, line and key.
/// Pure: it reads text, never a path (<see cref="BoardBench"/> opens files).
/// </summary>
/// <remarks>
/// The rest of board.yml (bootloader, partitions, ...) has its own schema and its own reader;
/// this one skips every other top-level section without looking inside, so the bench can be
/// driven from a board file whatever else that file holds. The file must still be valid YAML
/// throughout: the whole document is scanned.
/// </remarks>
public static partial class BenchSectionParser
{
    /// <summary>The top-level key this reader owns.</summary>
    public const string SectionKey = "bench";

    /// <summary>Parses and validates the bench section of a board file.</summary>
    /// <param name="reader">The board file's text.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="YamlConfigException">The section is missing or malformed.</exception>
    public static BenchWiring Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var section = new StrictYamlReader(new BoardYamlContext()).ReadSection<BenchSectionYaml>(reader.ReadToEnd(), source, SectionKey)
            ?? throw new YamlConfigException(YamlError.MissingSection, source, 0, null, $"no '{SectionKey}:' section");
        return Validate(section);
    }

    /// <summary>Parses the bench section of YAML text held in memory.</summary>
    public static BenchWiring Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        using var reader = new StringReader(yaml);
        return Parse(reader, source);
    }
}
