using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Firmware.Versioning;

/// <summary>
/// A Semantic Versioning 2.0.0 version (semver.org): MAJOR.MINOR.PATCH, an optional pre-release
/// and optional build metadata. Ordering follows semver precedence; build metadata is ignored.
/// </summary>
public sealed class FirmwareVersion : IComparable<FirmwareVersion>, IEquatable<FirmwareVersion>
{
    private readonly string[] _preRelease;

    private FirmwareVersion(ulong major, ulong minor, ulong patch, string[] preRelease, string text)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        _preRelease = preRelease;
        Text = text;
    }

    /// <summary>Major version.</summary>
    public ulong Major { get; }

    /// <summary>Minor version.</summary>
    public ulong Minor { get; }

    /// <summary>Patch version.</summary>
    public ulong Patch { get; }

    /// <summary>The version as written.</summary>
    public string Text { get; }

    /// <summary>Parses a version.</summary>
    /// <exception cref="FormatException">The text is not a semantic version.</exception>
    public static FirmwareVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build]).");

    /// <summary>Parses a version, returning false if the text is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out FirmwareVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text) || text.Length > 128)
        {
            return false;
        }

        var core = text;
        var plus = core.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            if (!AreIdentifiers(core[(plus + 1)..].Split('.'), numericRule: false))
            {
                return false;
            }

            core = core[..plus];
        }

        string[] pre = [];
        var dash = core.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            pre = core[(dash + 1)..].Split('.');
            if (!AreIdentifiers(pre, numericRule: true))
            {
                return false;
            }

            core = core[..dash];
        }

        var parts = core.Split('.');
        if (parts.Length != 3 || !TryNumber(parts[0], out var major) || !TryNumber(parts[1], out var minor) || !TryNumber(parts[2], out var patch))
        {
            return false;
        }

        version = new FirmwareVersion(major, minor, patch, pre, text);
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(FirmwareVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        return c != 0 ? c : ComparePreRelease(_preRelease, other._preRelease);
    }

    /// <inheritdoc/>
    public bool Equals(FirmwareVersion? other) => CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FirmwareVersion);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, string.Join('.', _preRelease));

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Precedence comparison.</summary>
    public static bool operator <(FirmwareVersion left, FirmwareVersion right) => Compare(left, right) < 0;

    /// <summary>Precedence comparison.</summary>
    public static bool operator >(FirmwareVersion left, FirmwareVersion right) => Compare(left, right) > 0;

    /// <summary>Precedence comparison.</summary>
    public static bool operator <=(FirmwareVersion left, FirmwareVersion right) => Compare(left, right) <= 0;

    /// <summary>Precedence comparison.</summary>
    public static bool operator >=(FirmwareVersion left, FirmwareVersion right) => Compare(left, right) >= 0;

    /// <summary>Precedence equality.</summary>
    public static bool operator ==(FirmwareVersion? left, FirmwareVersion? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Precedence inequality.</summary>
    public static bool operator !=(FirmwareVersion? left, FirmwareVersion? right) => !(left == right);

    private static int Compare(FirmwareVersion left, FirmwareVersion right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.CompareTo(right);
    }

    // A version without pre-release outranks one with; identifiers compare numerically when
    // both are numeric, numeric ranks below alphanumeric, and a longer list wins a tie (semver §11).
    private static int ComparePreRelease(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return b.Length.CompareTo(a.Length);
        }

        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            // Numeric identifiers have no leading zeros, so the longer one is the larger, at any length.
            var aNumeric = a[i].All(char.IsAsciiDigit);
            var bNumeric = b[i].All(char.IsAsciiDigit);
            var c = (aNumeric, bNumeric) switch
            {
                (true, true) => a[i].Length != b[i].Length ? a[i].Length.CompareTo(b[i].Length) : string.CompareOrdinal(a[i], b[i]),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static bool TryNumber(string s, out ulong value)
    {
        value = 0;
        return s.Length > 0 && (s.Length == 1 || s[0] != '0') &&
               ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool AreIdentifiers(string[] identifiers, bool numericRule) =>
        identifiers.All(id => id.Length > 0 &&
                              id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-') &&
                              (!numericRule || !id.All(char.IsAsciiDigit) || id.Length == 1 || id[0] != '0'));
}
