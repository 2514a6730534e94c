namespace Firmware.Yaml;

/// <summary>Where something was written in a YAML text.</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
public readonly record struct YamlPosition(int Line, int Column);
