using Firmware.Image.Spec;

namespace Firmware.Image.Packages;

/// <summary>
/// A validated package definition (pkg.yml, docs/image-spec.md "Packages"): what
/// <c>fwtool pkg build DIR</c> makes into an OCI image. The image config takes
/// <see cref="Entrypoint"/>, <see cref="Cmd"/>, <see cref="Env"/>, <see cref="Workdir"/> and
/// <see cref="User"/>; <see cref="Config"/> becomes its <c>org.mobyproject.config</c> label.
/// </summary>
public sealed record PackageDefinition
{
    /// <summary>The file it was read from, for messages.</summary>
    public required string Source { get; init; }

    /// <summary>The image's repository name (an image reference path, such as <c>heartbeat</c> or <c>fw/heartbeat</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The architectures to build, as OCI spells them (<c>amd64</c>, <c>arm64</c>, ...), in file order.</summary>
    public required IReadOnlyList<string> Architectures { get; init; }

    /// <summary>The image config's Entrypoint, or null.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>The image config's Cmd, or null.</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>The image config's Env (<c>NAME=VALUE</c>), or null.</summary>
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>The image config's WorkingDir (absolute), or null.</summary>
    public string? Workdir { get; init; }

    /// <summary>The image config's User (<c>uid[:gid]</c> or names), or null.</summary>
    public string? User { get; init; }

    /// <summary>The default runtime options; <see cref="RuntimeOptions.Empty"/> when there is no <c>config:</c>.</summary>
    public required RuntimeOptions Config { get; init; }

    /// <summary>The files the image holds, in file order.</summary>
    public required IReadOnlyList<PackageFile> Files { get; init; }
}
