using Firmware.Bench.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NodeDeserializers;

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
    /// <exception cref="BenchConfigException">The section is missing or malformed.</exception>
    public static BenchWiring Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var text = reader.ReadToEnd();
        CheckSyntax(text, source);

        var starts = new Dictionary<object, Mark>(ReferenceEqualityComparer.Instance);
        var keys = new KeyTracker();
        var deserializer = new StaticDeserializerBuilder(new BenchYamlContext())
            .WithTypeInspector(inner => new StrictKeys(inner, keys))
            .WithNodeDeserializer(inner => new MarkRecorder(inner, starts), where => where.InsteadOf<ObjectNodeDeserializer>())
            .WithDuplicateKeyChecking()
            .Build();
        try
        {
            using var input = new StringReader(text);
            var (section, sectionStart) = ReadSection(new Parser(input), deserializer, source);
            return Validate(section, sectionStart, starts, source);
        }
        catch (YamlException e)
        {
            throw Translate(e, source, keys.LastKey);
        }
    }

    /// <summary>Parses the bench section of YAML text held in memory.</summary>
    public static BenchWiring Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        using var reader = new StringReader(yaml);
        return Parse(reader, source);
    }

    // The syntax stage: the whole file must be YAML before any of it is read as a board. YamlDotNet's
    // scanner reports some malformed input as InvalidOperationException, so both count, placed at
    // the last event that parsed.
    private static void CheckSyntax(string text, string source)
    {
        using var input = new StringReader(text);
        var parser = new Parser(input);
        try
        {
            while (parser.MoveNext())
            {
            }
        }
        catch (YamlException e)
        {
            throw new BenchConfigException(BenchConfigError.Syntax, source, (int)e.Start.Line, null, $"not valid YAML: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new BenchConfigException(BenchConfigError.Syntax, source, (int)(parser.Current?.End.Line ?? 0), null, "not valid YAML", e);
        }
    }

    private static (BenchSectionYaml Section, Mark Start) ReadSection(Parser parser, IDeserializer deserializer, string source)
    {
        parser.Consume<StreamStart>();
        if (!parser.TryConsume<DocumentStart>(out _))
        {
            throw new BenchConfigException(BenchConfigError.MissingSection, source, 0, null, $"the file is empty; it needs a '{SectionKey}:' section");
        }

        if (!parser.TryConsume<MappingStart>(out _))
        {
            throw new BenchConfigException(BenchConfigError.Syntax, source, (int)(parser.Current?.Start.Line ?? 0), null, "the top level of a board file must be a mapping of sections");
        }

        BenchSectionYaml? section = null;
        var sectionStart = Mark.Empty;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Consume<Scalar>();
            if (key.Value != SectionKey)
            {
                parser.SkipThisAndNestedEvents();
                continue;
            }

            if (section is not null)
            {
                throw new BenchConfigException(BenchConfigError.DuplicateKey, source, (int)key.Start.Line, SectionKey, "appears twice");
            }

            sectionStart = key.Start;
            section = deserializer.Deserialize<BenchSectionYaml?>(parser)
                ?? throw new BenchConfigException(BenchConfigError.MissingKey, source, (int)key.Start.Line, SectionKey, "is empty; it needs at least 'power:'");
        }

        // Scan to the end so that a syntax error after the section is still an error.
        parser.Consume<DocumentEnd>();
        if (!parser.Accept<StreamEnd>(out _))
        {
            throw new BenchConfigException(BenchConfigError.Syntax, source, (int)(parser.Current?.Start.Line ?? 0), null, "a board file holds one YAML document");
        }

        return section is null
            ? throw new BenchConfigException(BenchConfigError.MissingSection, source, 0, null, $"no '{SectionKey}:' section")
            : (section, sectionStart);
    }

    private static BenchConfigException Translate(YamlException e, string source, string? lastKey)
    {
        var line = (int)e.Start.Line;
        if (FindInner<UnknownKeyException>(e) is { } unknown)
        {
            return new BenchConfigException(BenchConfigError.UnknownKey, source, line, unknown.Key, "unknown key", e);
        }

        // YamlDotNet says "Encountered duplicate key K" with the key's position and nothing else to go on.
        const string duplicate = "Encountered duplicate key ";
        if (e.InnerException is null && e.Message.StartsWith(duplicate, StringComparison.Ordinal))
        {
            return new BenchConfigException(BenchConfigError.DuplicateKey, source, line, e.Message[duplicate.Length..], "appears twice", e);
        }

        var detail = e.InnerException?.Message ?? e.Message;
        return new BenchConfigException(BenchConfigError.InvalidValue, source, line, lastKey, $"invalid value: {detail}", e);
    }

    private static T? FindInner<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
