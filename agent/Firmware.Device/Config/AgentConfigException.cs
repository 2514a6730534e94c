namespace Firmware.Device.Config;

/// <summary>
/// agent.yml is malformed. The message reads <c>FILE:LINE: KEY: what is wrong</c>, like a
/// compiler's, so editors can jump to it.
/// </summary>
public sealed class AgentConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AgentConfigException(AgentConfigError error, string source, int line, string? key, string problem, Exception? innerException = null)
        : base($"{source}{(line > 0 ? $":{line}" : "")}: {(key is null ? "" : $"{key}: ")}{problem}", innerException)
    {
        Error = error;
        File = source;
        Line = line;
        Key = key;
    }

    /// <inheritdoc cref="Exception()"/>
    public AgentConfigException() => File = "";

    /// <inheritdoc cref="Exception(string)"/>
    public AgentConfigException(string message) : base(message) => File = "";

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public AgentConfigException(string message, Exception innerException) : base(message, innerException) => File = "";

    /// <summary>What is wrong.</summary>
    public AgentConfigError Error { get; }

    /// <summary>The file (or name) the text came from.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when the problem has no place in the file.</summary>
    public int Line { get; }

    /// <summary>The key at fault as a dotted path (<c>health.disks[1].mount</c>), if there is one.</summary>
    public string? Key { get; }
}
