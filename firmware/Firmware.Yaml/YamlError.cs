namespace Firmware.Yaml;

/// <summary>Why a YAML file a person wrote was rejected.</summary>
public enum YamlError
{
    /// <summary>The file is not valid YAML, is empty, or holds more than one document.</summary>
    Syntax = 1,

    /// <summary>A key is not part of the schema (a typo, usually).</summary>
    UnknownKey,

    /// <summary>A key appears twice in one mapping.</summary>
    DuplicateKey,

    /// <summary>A value has the wrong type, is out of range, or contradicts another.</summary>
    InvalidValue,

    /// <summary>A required key is missing.</summary>
    MissingKey,

    /// <summary>A required top-level section is missing.</summary>
    MissingSection,
}
