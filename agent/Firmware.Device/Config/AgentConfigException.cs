using Firmware.Yaml;

namespace Firmware.Device.Config;

/// <summary>
/// agent.yml is malformed; <see cref="Error"/> says how. The message reads <c>FILE:LINE: KEY: what is wrong</c>,
/// like a compiler's, so editors can jump to it.
/// </summary>
public sealed class AgentConfigException : YamlSourceException
{
    /// <summary>Creates the exception.</summary>
    public AgentConfigException(AgentConfigError error, string source, int line, string? key, string problem, Exception? innerException = null)
        : base(source, line, column: 0, key, problem, innerException) => Error = error;

    /// <inheritdoc cref="Exception()"/>
    public AgentConfigException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public AgentConfigException(string message) : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public AgentConfigException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>What is wrong.</summary>
    public AgentConfigError Error { get; }
}
