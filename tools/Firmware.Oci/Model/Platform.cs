using System.Text.Json.Serialization;

namespace Firmware.Oci.Model;

/// <summary>
/// The platform an image runs on (image-spec 1.1, image-index.md "platform"). Architecture and
/// variant use Go's GOARCH names, as the spec requires; <see cref="Parse"/> also takes the
/// kernel's names (x86_64, aarch64) and normalises them.
/// </summary>
public sealed record Platform
{
    /// <summary>linux/amd64.</summary>
    public static readonly Platform LinuxAmd64 = new() { Os = "linux", Architecture = "amd64" };

    /// <summary>linux/arm64 (variant v8 is implied, so none is written).</summary>
    public static readonly Platform LinuxArm64 = new() { Os = "linux", Architecture = "arm64" };

    /// <summary>The CPU architecture (GOARCH): amd64, arm64, arm, riscv64, ...</summary>
    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    /// <summary>The operating system (GOOS): linux.</summary>
    [JsonPropertyName("os")]
    public required string Os { get; init; }

    /// <summary>The OS version, for Windows images.</summary>
    [JsonPropertyName("os.version")]
    public string? OsVersion { get; init; }

    /// <summary>Required OS features.</summary>
    [JsonPropertyName("os.features")]
    public IReadOnlyList<string>? OsFeatures { get; init; }

    /// <summary>The CPU variant: v8 for arm64, v6/v7 for arm.</summary>
    [JsonPropertyName("variant")]
    public string? Variant { get; init; }

    /// <summary>
    /// Parses <c>os/arch[/variant]</c> or a bare architecture (then the OS is linux). Throws
    /// <see cref="ArgumentException"/> for an empty or malformed value: platforms come from the
    /// command line or from specs that name them.
    /// </summary>
    public static Platform Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var parts = text.Split('/');
        if (parts.Length > 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"invalid platform '{text}': expected os/arch[/variant] or arch", nameof(text));
        }

        var (os, architecture, variant) = parts.Length switch
        {
            1 => ("linux", parts[0], null),
            2 => (parts[0], parts[1], null),
            _ => (parts[0], parts[1], parts[2]),
        };
        return new Platform { Os = os, Architecture = NormalizeArchitecture(architecture), Variant = variant };
    }

    /// <summary>
    /// Whether an image for <paramref name="candidate"/> runs on this platform. OS and
    /// architecture must be equal; variants are compared after filling in each architecture's
    /// default (arm64 means v8, amd64 v1, arm v7), as containerd's platform matcher does, so
    /// arm64 matches a manifest marked v8 or one with no variant.
    /// </summary>
    public bool Matches(Platform candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var architecture = NormalizeArchitecture(candidate.Architecture);
        return string.Equals(Os, candidate.Os, StringComparison.Ordinal)
            && string.Equals(NormalizeArchitecture(Architecture), architecture, StringComparison.Ordinal)
            && string.Equals(DefaultVariant(Architecture, Variant), DefaultVariant(architecture, candidate.Variant), StringComparison.Ordinal);
    }

    /// <summary><c>os/arch[/variant]</c>.</summary>
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    private static string NormalizeArchitecture(string architecture) => architecture switch
    {
        "x86_64" or "x86-64" => "amd64",
        "aarch64" => "arm64",
        "armhf" or "armel" => "arm",
        _ => architecture,
    };

    private static string DefaultVariant(string architecture, string? variant) => (NormalizeArchitecture(architecture), variant) switch
    {
        (_, { Length: > 0 } v) => v,
        ("arm64", _) => "v8",
        ("amd64", _) => "v1",
        ("arm", _) => "v7",
        _ => "",
    };
}
