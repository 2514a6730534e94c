using System.Globalization;

namespace Firmware.Fleet.Controller.Rollouts;

/// <summary>Parses the text of <c>fwtool rollout start</c>'s options; every refusal is an <see cref="ArgumentException"/> naming the option and the text.</summary>
public static class RolloutArguments
{
    /// <summary><c>1,10%,100%</c>.</summary>
    public static IReadOnlyList<Share> Waves(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split(',', StringSplitOptions.TrimEntries).Select(piece => Share.TryParse(piece, out var share)
            ? share
            : throw new ArgumentException($"--waves: '{piece}' in '{text}' is not a count or a percentage (such as 1,10%,100%)", nameof(text)))];
    }

    /// <summary><c>5</c> or <c>5%</c>.</summary>
    public static Share Count(string text, string option) =>
        Share.TryParse(text ?? "", out var share) ? share : throw new ArgumentException($"{option}: '{text}' is not a count or a percentage (such as 3 or 5%)", nameof(text));

    /// <summary><c>95%</c> as 0.95.</summary>
    public static double Ratio(string text, string option) =>
        Share.TryParse(text ?? "", out var share) && share.Percent is { } p ? p / 100 : throw new ArgumentException($"{option}: '{text}' is not a percentage (such as 95%)", nameof(text));

    /// <summary><c>90s</c>, <c>2m</c>, <c>1h</c>, <c>7d</c> (a unit is required: a bare number is ambiguous).</summary>
    public static TimeSpan Duration(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var unit = text.Length > 1 ? text[^1] : '\0';
        var seconds = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        return seconds > 0 && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= 0 && value * seconds <= TimeSpan.MaxValue.TotalSeconds / 2
            ? TimeSpan.FromSeconds(value * seconds)
            : throw new ArgumentException($"{option}: '{text}' is not a duration (such as 90s, 2m, 1h, 7d)", nameof(text));
    }

    /// <summary>The message of a refusal from these parsers without the " (Parameter 'x')" that <see cref="ArgumentException"/> appends: the text names its option itself.</summary>
    public static string Describe(ArgumentException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.ParamName is { } name ? error.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : error.Message;
    }
}
