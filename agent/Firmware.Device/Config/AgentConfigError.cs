namespace Firmware.Device.Config;

/// <summary>Why agent.yml was rejected.</summary>
public enum AgentConfigError
{
    /// <summary>The file is not valid YAML, or not one mapping.</summary>
    Syntax,

    /// <summary>A key is not part of the schema (a typo, usually).</summary>
    UnknownKey,

    /// <summary>A key appears twice in one mapping.</summary>
    DuplicateKey,

    /// <summary>A value has the wrong type, shape or range.</summary>
    InvalidValue,

    /// <summary>A required key is missing.</summary>
    MissingKey,

    /// <summary>Two settings contradict each other (a block for another boot backend, a broker check with no broker).</summary>
    Conflict,
}
