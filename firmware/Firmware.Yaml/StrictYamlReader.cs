using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NodeDeserializers;

namespace Firmware.Yaml;

/// <summary>
/// Reads YAML written by people strictly, over a static (source-generated) context: the whole text
/// must be one valid YAML document; an unknown or duplicate key, or a value of the wrong type, is a
/// <see cref="YamlConfigException"/> naming the file, line and key. Pure: it reads text, never a path.
/// </summary>
/// <remarks>
/// Types to deserialize into keep every property nullable and settable, so that the semantic stage
/// that follows, not the deserializer, decides what is required and what the defaults are.
/// </remarks>
public sealed class StrictYamlReader
{
    private readonly StaticContext _context;

    /// <summary>Creates a reader over the generated context that knows the target types.</summary>
    public StrictYamlReader(StaticContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Reads the whole document as <typeparamref name="T"/>; its top level must be a mapping.</summary>
    /// <exception cref="YamlConfigException">The text is not YAML, is empty, or breaks the schema.</exception>
    public YamlDocument<T> Read<T>(string text, string source)
        where T : class =>
        TryRead<T>(text, source) ?? throw new YamlConfigException(YamlError.Syntax, source, 0, null, "the file is empty");

    /// <summary>
    /// Reads the whole document as <typeparamref name="T"/>, or returns null when the text holds no
    /// document at all (empty, or only comments), for a domain that reports that under its own code.
    /// </summary>
    /// <exception cref="YamlConfigException">The text is not YAML, its top level is not a mapping, or it breaks the schema.</exception>
    public YamlDocument<T>? TryRead<T>(string text, string source)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(source);
        return Deserialize<T>(text, source, (parser, deserializer) =>
        {
            // Checked before the deserializer sees it, so that a list or a scalar at the top is
            // reported as what it is rather than as whatever YamlDotNet makes of it.
            var start = parser.Current?.Start ?? Mark.Empty;
            if (!parser.Accept<MappingStart>(out _))
            {
                throw new YamlConfigException(YamlError.InvalidValue, source, (int)start.Line, null, "the top level must be a mapping of keys to values", column: (int)start.Column);
            }

            return (deserializer.Deserialize<T>(parser), (int)start.Line);
        });
    }

    /// <summary>
    /// Reads the value of the top-level key <paramref name="key"/> as <typeparamref name="T"/>,
    /// skipping every other top-level key without looking inside (those belong to other readers).
    /// Returns null when the key is absent.
    /// </summary>
    /// <exception cref="YamlConfigException">The text is not YAML, the key appears twice or is empty, or its value breaks the schema.</exception>
    public YamlDocument<T>? ReadSection<T>(string text, string source, string key)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Deserialize(text, source, (parser, deserializer) =>
        {
            if (!parser.TryConsume<MappingStart>(out _))
            {
                throw new YamlConfigException(YamlError.Syntax, source, (int)(parser.Current?.Start.Line ?? 0), null, "the top level must be a mapping of sections");
            }

            T? section = null;
            var line = 0;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var name = parser.Consume<Scalar>();
                if (name.Value != key)
                {
                    parser.SkipThisAndNestedEvents();
                    continue;
                }

                if (section is not null)
                {
                    throw new YamlConfigException(YamlError.DuplicateKey, source, (int)name.Start.Line, key, "appears twice");
                }

                line = (int)name.Start.Line;
                section = deserializer.Deserialize<T?>(parser)
                    ?? throw new YamlConfigException(YamlError.MissingKey, source, line, key, "is empty");
            }

            return (section, line);
        });
    }

    private YamlDocument<T>? Deserialize<T>(string text, string source, Func<IParser, IDeserializer, (T? Value, int Line)> read)
        where T : class
    {
        CheckSyntax(text, source);
        var map = new SourceMap();
        var keys = new KeyTracker();
        using var input = new StringReader(text);
        var parser = new RecordingParser(new Parser(input));
        var deserializer = new StaticDeserializerBuilder(_context)
            .WithTypeInspector(inner => new StrictKeys(inner, parser, map, keys))
            .WithNodeDeserializer(inner => new NodeRecorder<ObjectNodeDeserializer>(inner, map), where => where.InsteadOf<ObjectNodeDeserializer>())
            .WithNodeDeserializer(inner => new NodeRecorder<ScalarNodeDeserializer>(inner, map), where => where.InsteadOf<ScalarNodeDeserializer>())
            .WithNodeDeserializer(inner => new NodeRecorder<StaticCollectionNodeDeserializer>(inner, map), where => where.InsteadOf<StaticCollectionNodeDeserializer>())
            .WithDuplicateKeyChecking()
            .Build();
        try
        {
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                return null; // an empty file: no document, so no section either
            }

            var (value, line) = read(parser, deserializer);
            parser.Consume<DocumentEnd>();
            return value is null ? null : new YamlDocument<T>(value, source, line, map);
        }
        catch (YamlException e)
        {
            throw Translate(e, source, keys.LastKey);
        }
    }

    // The syntax stage: the whole text must be one YAML document before any of it is read as data,
    // so that a syntax error after the part a reader wants is still an error. YamlDotNet's scanner
    // reports some malformed input as InvalidOperationException, so both count.
    private static void CheckSyntax(string text, string source)
    {
        using var input = new StringReader(text);
        var parser = new Parser(input);
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is DocumentStart start && ++documents > 1)
                {
                    throw new YamlConfigException(YamlError.Syntax, source, (int)start.Start.Line, null, "the file must hold one YAML document", column: (int)start.Start.Column);
                }
            }
        }
        catch (YamlException e)
        {
            throw new YamlConfigException(YamlError.Syntax, source, (int)e.Start.Line, null, $"not valid YAML: {e.Message}", e, (int)e.Start.Column);
        }
        catch (InvalidOperationException e)
        {
            // Placed at the last event that parsed: the scanner's exception carries no position.
            var end = parser.Current?.End ?? Mark.Empty;
            throw new YamlConfigException(YamlError.Syntax, source, (int)end.Line, null, "not valid YAML", e, (int)end.Column);
        }
    }

    private static YamlConfigException Translate(YamlException e, string source, string? lastKey)
    {
        var (line, column) = ((int)e.Start.Line, (int)e.Start.Column);
        if (FindInner<UnknownKeyException>(e) is { } unknown)
        {
            return new YamlConfigException(YamlError.UnknownKey, source, (int)unknown.Start.Line, unknown.Key, "unknown key", e, (int)unknown.Start.Column);
        }

        // YamlDotNet says "Encountered duplicate key K" with the key's position and nothing else to go on.
        const string duplicate = "Encountered duplicate key ";
        if (e.InnerException is null && e.Message.StartsWith(duplicate, StringComparison.Ordinal))
        {
            return new YamlConfigException(YamlError.DuplicateKey, source, line, e.Message[duplicate.Length..], "appears twice in one mapping", e, column);
        }

        var detail = e.InnerException?.Message ?? e.Message;
        return new YamlConfigException(YamlError.InvalidValue, source, line, lastKey, $"invalid value: {detail}", e, column);
    }

    private static T? FindInner<T>(Exception e)
        where T : Exception
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
