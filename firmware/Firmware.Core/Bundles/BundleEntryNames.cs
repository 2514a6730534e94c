using System.Globalization;
using System.Text.RegularExpressions;

namespace Firmware.Bundles;

/// <summary>The entry names of a bundle archive, in the order they must appear.</summary>
public static partial class BundleEntryNames
{
    /// <summary>First entry: the manifest.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>Second entry: the manifest's signatures.</summary>
    public const string Signatures = "manifest.sig";

    /// <summary>Entry of a carried trust file.</summary>
    public static string Trust(int version) => string.Create(CultureInfo.InvariantCulture, $"trust/{version}.json");

    /// <summary>Entry of a payload.</summary>
    public static string Payload(string name) => "payloads/" + name;

    /// <summary>True when <paramref name="name"/> is a valid payload name: 1-64 of [a-z0-9._-], starting with a letter or digit.</summary>
    public static bool IsValidPayloadName(string name) => PayloadNamePattern().IsMatch(name);

    /// <summary>
    /// True when an archive entry name is safe to even consider: relative, no "." or ".."
    /// components, no empty components, only [A-Za-z0-9._/-].
    /// </summary>
    public static bool IsSafe(string name) =>
        SafeCharacters().IsMatch(name) &&
        name.Split('/').All(part => part.Length > 0 && part != "." && part != "..");

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PayloadNamePattern();

    [GeneratedRegex("^[A-Za-z0-9._/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeCharacters();
}
