namespace Firmware.Yaml;

/// <summary>A YAML file is malformed or breaks its schema; <see cref="Error"/> says how.</summary>
public sealed class YamlConfigException : YamlSourceException
{
    /// <summary>Creates the exception.</summary>
    public YamlConfigException(YamlError error, string source, int line, string? key, string problem, Exception? innerException = null, int column = 0)
        : base(source, line, column, key, problem, innerException) => Error = error;

    /// <inheritdoc cref="Exception()"/>
    public YamlConfigException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public YamlConfigException(string message) : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public YamlConfigException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>What is wrong.</summary>
    public YamlError Error { get; }
}
