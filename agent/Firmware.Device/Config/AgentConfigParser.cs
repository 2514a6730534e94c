using Firmware.Device.Yaml;
using YamlDotNet.Core;

namespace Firmware.Device.Config;

/// <summary>
/// Reads agent.yml strictly (docs/agent.md, "Configuration"): first the YAML stage (syntax,
/// unknown and duplicate keys, value types), then the semantic stage (required keys, ranges,
/// settings that contradict each other). Every error names the file, line and key.
/// Pure: it reads text; <see cref="AgentConfigFile"/> opens the file.
/// </summary>
public static partial class AgentConfigParser
{
    /// <summary>Parses and validates agent.yml's text.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="AgentConfigException">The configuration is malformed.</exception>
    public static AgentConfig Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(source);
        CheckSyntax(yaml, source);

        var strict = new StrictYaml(new AgentYamlContext());
        AgentYaml? document;
        try
        {
            using var input = new StringReader(yaml);
            document = strict.Deserializer.Deserialize<AgentYaml?>(input);
        }
        catch (YamlException e)
        {
            throw Translate(e, source, strict.LastKey);
        }

        return document is null
            ? throw new AgentConfigException(AgentConfigError.MissingKey, source, 0, null, "the file is empty; it needs at least device, slots and boot")
            : Validate(document, new Checker(source, strict));
    }

    // The whole text must be YAML before any of it is read as configuration. YamlDotNet's scanner
    // reports some malformed input as InvalidOperationException, so both count.
    private static void CheckSyntax(string yaml, string source)
    {
        using var input = new StringReader(yaml);
        var parser = new Parser(input);
        try
        {
            while (parser.MoveNext())
            {
            }
        }
        catch (YamlException e)
        {
            throw new AgentConfigException(AgentConfigError.Syntax, source, (int)e.Start.Line, null, $"not valid YAML: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new AgentConfigException(AgentConfigError.Syntax, source, (int)(parser.Current?.End.Line ?? 0), null, "not valid YAML", e);
        }
    }

    private static AgentConfigException Translate(YamlException e, string source, string? lastKey)
    {
        var line = (int)e.Start.Line;
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is UnknownYamlKeyException unknown)
            {
                return new AgentConfigException(AgentConfigError.UnknownKey, source, line, unknown.Key, "unknown key", e);
            }
        }

        // YamlDotNet says "Encountered duplicate key K" at the key's position and nothing else.
        const string duplicate = "Encountered duplicate key ";
        if (e.InnerException is null && e.Message.StartsWith(duplicate, StringComparison.Ordinal))
        {
            return new AgentConfigException(AgentConfigError.DuplicateKey, source, line, e.Message[duplicate.Length..], "appears twice", e);
        }

        return new AgentConfigException(AgentConfigError.InvalidValue, source, line, lastKey, $"invalid value: {e.InnerException?.Message ?? e.Message}", e);
    }
}
