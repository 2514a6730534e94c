namespace Firmware.Image.Runtime;

/// <summary>
/// What an OCI image's config says about running it (image-spec config.md, "config"): the fields
/// a system container's runtime config starts from. A record of its own so that this code needs
/// no OCI image model; the image reader fills it from the image config.
/// </summary>
public sealed record ImageRuntimeDefaults
{
    /// <summary>An image with nothing set.</summary>
    public static ImageRuntimeDefaults Empty { get; } = new();

    /// <summary>The image's Entrypoint, or null.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>The image's Cmd, or null.</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>The image's Env (<c>NAME=VALUE</c>), or null.</summary>
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>The image's WorkingDir, or null.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>The image's User (<c>uid[:gid]</c>), or null.</summary>
    public string? User { get; init; }

    /// <summary>The image's labels; <see cref="MobyConfigLabel.Key"/> carries its default runtime options.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
