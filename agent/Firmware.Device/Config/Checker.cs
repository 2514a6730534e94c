using System.Globalization;
using Firmware.Yaml;

namespace Firmware.Device.Config;

/// <summary>The semantic stage's value checks; each failure names the file, the line of the mapping and the key.</summary>
internal sealed class Checker(YamlDocument document)
{
    // Names travel in MQTT topics and reports: no wildcards (+, #), no separators, nothing to escape.
    private const int MaxNameLength = 64;

    public string Source => document.Source;

    public AgentConfigException Error(AgentConfigError error, object? mapping, string key, string problem) =>
        new(error, document.Source, document.PositionOf(mapping)?.Line ?? 0, key, problem);

    public int Range(int value, int min, int max, object? mapping, string key) =>
        value >= min && value <= max ? value : throw Error(AgentConfigError.InvalidValue, mapping, key, $"{value} is outside {min}..{max}");

    public string Name(string? value, object mapping, string key)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Error(AgentConfigError.MissingKey, mapping, key, "is required");
        }

        return value.Length <= MaxNameLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? value
            : throw Error(AgentConfigError.InvalidValue, mapping, key, $"'{value}' must be 1-{MaxNameLength} letters, digits, '-', '_' or '.'");
    }

    public string AbsolutePath(string? value, object? mapping, string key)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Error(AgentConfigError.MissingKey, mapping, key, "is required: an absolute path");
        }

        // The agent runs in a container whose working directory means nothing: every path is absolute.
        return value[0] == '/' && !value.Contains('\0', StringComparison.Ordinal)
            ? value
            : throw Error(AgentConfigError.InvalidValue, mapping, key, $"'{value}' is not an absolute path");
    }

    /// <summary>A size: bytes, or a number with a binary unit (KiB, MiB, GiB, TiB).</summary>
    public long Size(string text, object? mapping, string key)
    {
        var units = new (string Suffix, int Shift)[] { ("KiB", 10), ("MiB", 20), ("GiB", 30), ("TiB", 40), ("B", 0), ("", 0) };
        var (suffix, shift) = units.First(u => text.EndsWith(u.Suffix, StringComparison.Ordinal));
        var number = text.AsSpan(0, text.Length - suffix.Length).Trim();
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= long.MaxValue >> shift
            ? value << shift
            : throw Error(AgentConfigError.InvalidValue, mapping, key, $"'{text}' is not a size such as 4096, 512MiB or 2GiB");
    }

    public List<string> Distinct(List<string> values, object? mapping, string key) =>
        values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? throw Error(AgentConfigError.InvalidValue, mapping, key, $"'{twice.Key}' is listed twice")
            : values;
}
