using Firmware.Image.Spec;
using Firmware.Image.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NodeDeserializers;

namespace Firmware.Image.Decoding;

/// <summary>
/// The decoding stage shared by image specs, pkg.yml and image labels: the whole text must be one
/// YAML document whose top level is a mapping; unknown keys, duplicate keys and values of the wrong
/// type are errors naming the file, line, column and key. It decides nothing about meaning: that is
/// the validators' stage. Pure: it reads text, never a path.
/// </summary>
internal static class StrictYaml
{
    /// <summary>Decodes <paramref name="text"/> into <typeparamref name="T"/>, recording where every node and key was written.</summary>
    /// <exception cref="SpecException">The text is not YAML, or does not fit the schema.</exception>
    public static (T Value, SourceMap Map) Read<T>(string text, string source) where T : class
    {
        CheckSyntax(text, source);

        var map = new SourceMap();
        using var input = new StringReader(text);
        var parser = new RecordingParser(new Parser(input));
        var keys = new KeyLog();
        var deserializer = new StaticDeserializerBuilder(new ImageYamlContext())
            .WithTypeInspector(inner => new StrictKeys(inner, parser, map, keys))
            .WithNodeDeserializer(inner => new NodeRecorder<ObjectNodeDeserializer>(inner, map), where => where.InsteadOf<ObjectNodeDeserializer>())
            .WithNodeDeserializer(inner => new NodeRecorder<ScalarNodeDeserializer>(inner, map), where => where.InsteadOf<ScalarNodeDeserializer>())
            .WithNodeDeserializer(inner => new NodeRecorder<StaticCollectionNodeDeserializer>(inner, map), where => where.InsteadOf<StaticCollectionNodeDeserializer>())
            .WithDuplicateKeyChecking()
            .Build();

        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            throw new SpecException(SpecError.MissingKey, source, 0, 0, null, "the file is empty");
        }

        parser.Consume<DocumentStart>();
        if (!parser.Accept<MappingStart>(out _))
        {
            var start = parser.Current?.Start ?? Mark.Empty;
            throw new SpecException(SpecError.WrongType, source, (int)start.Line, (int)start.Column, null, "the top level must be a mapping of keys to values");
        }

        try
        {
            var value = deserializer.Deserialize<T>(parser);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var start = parser.Current?.Start ?? Mark.Empty;
                throw new SpecException(SpecError.Syntax, source, (int)start.Line, (int)start.Column, null, "the file must hold one YAML document");
            }

            return (value, map);
        }
        catch (YamlException e)
        {
            throw Translate(e, source, keys);
        }
    }

    // The syntax stage: the whole text must be YAML before any of it is read against a schema.
    // YamlDotNet's scanner reports some malformed input as InvalidOperationException, so both
    // count, placed at the last event that parsed.
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
            throw new SpecException(SpecError.Syntax, source, (int)e.Start.Line, (int)e.Start.Column, null, $"not valid YAML: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            var end = parser.Current?.End ?? Mark.Empty;
            throw new SpecException(SpecError.Syntax, source, (int)end.Line, (int)end.Column, null, "not valid YAML", e);
        }
    }

    private static SpecException Translate(YamlException e, string source, KeyLog keys)
    {
        if (FindInner<UnknownKeyException>(e) is { } unknown)
        {
            return new SpecException(SpecError.UnknownKey, source, (int)unknown.Start.Line, (int)unknown.Start.Column, unknown.Key, "unknown key", e);
        }

        // YamlDotNet says "Encountered duplicate key K" with the key's position and nothing else to go on.
        const string duplicate = "Encountered duplicate key ";
        if (e.InnerException is null && e.Message.StartsWith(duplicate, StringComparison.Ordinal))
        {
            return new SpecException(SpecError.DuplicateKey, source, (int)e.Start.Line, (int)e.Start.Column, e.Message[duplicate.Length..], "appears twice in one mapping", e);
        }

        var detail = e.InnerException?.Message ?? e.Message;
        return new SpecException(SpecError.WrongType, source, (int)e.Start.Line, (int)e.Start.Column, keys.LastKey, $"wrong type of value: {detail}", e);
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
