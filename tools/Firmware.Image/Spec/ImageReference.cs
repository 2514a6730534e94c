using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Firmware.Image.Spec;

/// <summary>
/// A docker-style image reference, <c>[domain/]path[:tag][@sha256:digest]</c>, by the grammar of
/// distribution/reference (reference.go): lower-case path components separated by '/', joined
/// inside by '.', '_', '__' or dashes; a first component with a '.' or ':' or equal to
/// <c>localhost</c> is a registry; a tag is up to 128 word characters, dots and dashes.
/// </summary>
public sealed partial record ImageReference
{
    private const int MaxNameLength = 255;

    private ImageReference(string? domain, string path, string? tag, string? digest) =>
        (Domain, Path, Tag, Digest) = (domain, path, tag, digest);

    /// <summary>The registry (<c>registry.example.com:5000</c>), or null for the default one.</summary>
    public string? Domain { get; }

    /// <summary>The repository path (<c>linuxkit/init</c>).</summary>
    public string Path { get; }

    /// <summary>The tag, or null.</summary>
    public string? Tag { get; }

    /// <summary>The digest (<c>sha256:</c> and 64 lower-case hex digits), or null.</summary>
    public string? Digest { get; }

    /// <summary>The name without tag or digest: domain and path.</summary>
    public string Name => Domain is null ? Path : $"{Domain}/{Path}";

    /// <summary>Parses <paramref name="text"/>, or returns false with the reason.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? problem)
    {
        reference = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "the reference is empty";
            return false;
        }

        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                problem = $"'{digest}' is not a digest: sha256: and 64 lower-case hex digits";
                return false;
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                problem = $"'{tag}' is not a tag: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";
                return false;
            }
        }

        if (rest.Length is 0 or > MaxNameLength)
        {
            problem = rest.Length == 0 ? "the name is empty" : $"the name is longer than {MaxNameLength} characters";
            return false;
        }

        var components = rest.Split('/');
        string? domain = null;
        var first = components[0];
        if (components.Length > 1 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            if (!DomainPattern().IsMatch(first))
            {
                problem = $"'{first}' is not a registry host[:port]";
                return false;
            }

            domain = first;
            components = components[1..];
        }

        if (components.FirstOrDefault(c => !PathComponentPattern().IsMatch(c)) is { } bad)
        {
            problem = $"'{bad}' is not a repository path component: lower-case letters and digits, joined by '.', '_', '__' or '-'";
            return false;
        }

        reference = new ImageReference(domain, string.Join('/', components), tag, digest);
        problem = null;
        return true;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">It is not a reference.</exception>
    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var problem) ? reference : throw new FormatException($"'{text}': {problem}");

    /// <summary>The reference as written in canonical form: <c>name[:tag][@digest]</c>.</summary>
    public override string ToString() => $"{Name}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    [GeneratedRegex("^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponentPattern();
}
