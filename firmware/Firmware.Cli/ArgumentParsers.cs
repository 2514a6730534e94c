using System.Globalization;
using Firmware.Versioning;

namespace Firmware.Cli;

/// <summary>Parsers for the value forms the CLIs accept; each failure is a <see cref="UsageException"/> naming the option.</summary>
public static class ArgumentParsers
{
    /// <summary>
    /// Parses an instant: <c>now</c>, an RFC 3339 timestamp (<c>2027-01-31T00:00:00Z</c>) or Unix
    /// seconds after <c>@</c> (<c>@1700000000</c>).
    /// </summary>
    public static DateTimeOffset Instant(string text, string option, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(clock);
        if (text == "now")
        {
            return clock.GetUtcNow();
        }

        if (text.StartsWith('@') && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new UsageException($"{option}: '{text}' is not 'now', an RFC 3339 time or @UNIX-SECONDS");
    }

    /// <summary>Parses a duration: a positive integer followed by <c>d</c>, <c>h</c>, <c>m</c> or <c>s</c> (<c>90d</c>).</summary>
    public static TimeSpan Duration(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            TimeSpan? span = text[^1] switch
            {
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                's' => TimeSpan.FromSeconds(n),
                _ => null,
            };
            if (span is { } value)
            {
                return value;
            }
        }

        throw new UsageException($"{option}: '{text}' is not a duration such as 90d, 12h, 30m or 45s");
    }

    /// <summary>Parses a semantic version.</summary>
    public static FirmwareVersion Version(string text, string option) =>
        FirmwareVersion.TryParse(text, out var version)
            ? version
            : throw new UsageException($"{option}: '{text}' is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])");

    /// <summary>
    /// The build time: SOURCE_DATE_EPOCH when set (reproducible builds, reproducible-builds.org),
    /// else the clock, truncated to whole seconds.
    /// </summary>
    public static DateTimeOffset BuildTime(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(epoch))
        {
            return DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        }

        return long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new UsageException($"SOURCE_DATE_EPOCH: '{epoch}' is not a number of seconds");
    }
}
