using System.Text.RegularExpressions;

namespace Firmware.Oci.Model;

/// <summary>
/// A docker-style image reference, <c>[registry/]repository[:tag][@digest]</c>, normalised as
/// Docker does (distribution/reference, normalize.go): no registry means <c>docker.io</c>, and a
/// one-component repository on Docker Hub lives under <c>library/</c>. With neither tag nor
/// digest the tag is <c>latest</c>.
/// </summary>
public sealed partial record ImageReference
{
    /// <summary>Docker Hub's canonical name.</summary>
    public const string DockerHub = "docker.io";

    private ImageReference(string registry, string repository, string? tag, Digest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host, with port if any (<c>docker.io</c>, <c>127.0.0.1:5000</c>).</summary>
    public string Registry { get; }

    /// <summary>The repository path (<c>library/busybox</c>).</summary>
    public string Repository { get; }

    /// <summary>The tag; <c>latest</c> when the reference had neither tag nor digest.</summary>
    public string? Tag { get; }

    /// <summary>The manifest digest pinned by <c>@digest</c>, if any.</summary>
    public Digest? Digest { get; }

    /// <summary>What to ask the registry for: the digest when pinned, else the tag.</summary>
    public string ManifestReference => Digest?.ToString() ?? Tag!;

    /// <summary>The host to talk to: Docker Hub's API lives on registry-1.docker.io.</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>Parses <paramref name="text"/> or throws <see cref="OciException"/> (<see cref="OciError.InvalidReference"/>).</summary>
    public static ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = ReferencePattern().Match(text);
        if (!match.Success)
        {
            throw Invalid(text, "expected [registry/]name[:tag][@digest] with a lowercase name");
        }

        var name = match.Groups["name"].Value;
        if (name.Length > 255)
        {
            throw Invalid(text, "the name is longer than 255 characters");
        }

        Digest? digest = null;
        if (match.Groups["digest"].Success && !Model.Digest.TryParse(match.Groups["digest"].Value, out digest))
        {
            throw Invalid(text, "the digest is not sha256:<64 hex> or sha512:<128 hex>");
        }

        var (registry, repository) = SplitRegistry(name);
        if (repository.Any(char.IsAsciiLetterUpper))
        {
            throw Invalid(text, "the repository name must be lowercase");
        }

        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : digest is null ? "latest" : null;
        return new ImageReference(registry, repository, tag, digest);
    }

    /// <summary>A reference to the same repository pinned to <paramref name="digest"/>.</summary>
    public ImageReference WithDigest(Digest digest) => new(Registry, Repository, Tag, digest);

    /// <summary>The normalised reference: <c>registry/repository[:tag][@digest]</c>.</summary>
    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    private static (string Registry, string Repository) SplitRegistry(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? null : name[..slash];
        // The first component is a host only if it looks like one; "library/busybox" is a path on Docker Hub.
        if (first is null || (!first.Contains('.', StringComparison.Ordinal) && !first.Contains(':', StringComparison.Ordinal) && first != "localhost"))
        {
            return (DockerHub, slash < 0 ? "library/" + name : name);
        }

        var registry = first == "index.docker.io" ? DockerHub : first;
        var repository = name[(slash + 1)..];
        return (registry, registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal) ? "library/" + repository : repository);
    }

    private static OciException Invalid(string text, string why) => new(OciError.InvalidReference, $"invalid image reference '{text}': {why}");

    // distribution/reference regexp.go: host[:port] then lowercase path components joined by
    // ".", "_", "__" or runs of "-"; tag up to 128 word characters; digest algorithm:encoded.
    [GeneratedRegex(@"^(?<name>(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
