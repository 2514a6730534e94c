namespace Firmware.Bench.Wiring;

/// <summary>Why a board file's <c>bench:</c> section was rejected.</summary>
public enum BenchConfigError
{
    /// <summary>The file is not valid YAML.</summary>
    Syntax,
    /// <summary>A key inside <c>bench:</c> is not part of the schema (a typo, usually).</summary>
    UnknownKey,
    /// <summary>A key appears twice in one mapping.</summary>
    DuplicateKey,
    /// <summary>A value has the wrong type or is out of range.</summary>
    InvalidValue,
    /// <summary>A required key is missing.</summary>
    MissingKey,
    /// <summary>The file has no <c>bench:</c> section.</summary>
    MissingSection,
}
