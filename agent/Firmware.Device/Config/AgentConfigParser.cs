using Firmware.Versioning;
using Firmware.Device.Yaml;
using Firmware.Yaml;

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
    /// <param name="release">The running root's release file, when it has one: <c>device.compatible</c>
    /// defaults to its board, and must name that board when given.</param>
    /// <exception cref="AgentConfigException">The configuration is malformed, or is for another board than the root's.</exception>
    public static AgentConfig Parse(string yaml, string source, FirmwareRelease? release = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(source);
        YamlDocument<AgentYaml>? document;
        try
        {
            document = new StrictYamlReader(new AgentYamlContext()).TryRead<AgentYaml>(yaml, source);
        }
        catch (YamlConfigException e)
        {
            // The shared decoding stage, reported under agent.yml's own codes and FILE:LINE form.
            throw new AgentConfigException(CodeOf(e.Error), source, e.Line, e.Key, e.Problem, e);
        }

        return document is null
            ? throw new AgentConfigException(AgentConfigError.MissingKey, source, 0, null, "the file is empty; it needs at least device, slots and boot")
            : Validate(document.Value, new Checker(document), release);
    }

    private static AgentConfigError CodeOf(YamlError error) => error switch
    {
        YamlError.Syntax => AgentConfigError.Syntax,
        YamlError.UnknownKey => AgentConfigError.UnknownKey,
        YamlError.DuplicateKey => AgentConfigError.DuplicateKey,
        YamlError.InvalidValue => AgentConfigError.InvalidValue,
        _ => AgentConfigError.MissingKey,
    };
}
