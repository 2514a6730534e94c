using Firmware.Versioning;

namespace Firmware.Device.Config;

/// <summary>Reads agent.yml from a path.</summary>
public static class AgentConfigFile
{
    /// <summary>Where the agent's container finds its configuration when not told otherwise.</summary>
    public const string DefaultPath = "/etc/fwagent/agent.yml";

    /// <summary>Reads and validates the configuration at <paramref name="path"/>, with the running root's
    /// release file at its usual place (the board, when agent.yml leaves it out).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AgentConfigException">The configuration is malformed, or for another board than the root's.</exception>
    /// <exception cref="FormatException">The release file exists but is malformed.</exception>
    public static AgentConfig Load(string path) => Load(path, FirmwareRelease.TryRead(FirmwareRelease.Path));

    /// <summary>Reads and validates the configuration at <paramref name="path"/> with <paramref name="release"/>, already read.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AgentConfigException">The configuration is malformed, or for another board than the root's.</exception>
    public static AgentConfig Load(string path, FirmwareRelease? release)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return File.Exists(path)
            ? AgentConfigParser.Parse(File.ReadAllText(path), path, release)
            : throw new FileNotFoundException($"{path} does not exist", path);
    }
}
