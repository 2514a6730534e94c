namespace Firmware.Device.Config;

/// <summary>Reads agent.yml from a path.</summary>
public static class AgentConfigFile
{
    /// <summary>Where the agent's container finds its configuration when not told otherwise.</summary>
    public const string DefaultPath = "/etc/fwagent/agent.yml";

    /// <summary>Reads and validates the configuration at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AgentConfigException">The configuration is malformed.</exception>
    public static AgentConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return File.Exists(path)
            ? AgentConfigParser.Parse(File.ReadAllText(path), path)
            : throw new FileNotFoundException($"{path} does not exist", path);
    }
}
