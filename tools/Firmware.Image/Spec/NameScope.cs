namespace Firmware.Image.Spec;

/// <summary>
/// The names a container's options may refer to: container names (as uids and gids) and volume
/// names (as bind sources). Null sets mean the names are not known here (pkg.yml, image labels):
/// then any well-formed name passes, and the spec that uses the image checks it.
/// </summary>
/// <param name="Containers">The container names of the image spec.</param>
/// <param name="Volumes">The volume names of the image spec.</param>
internal sealed record NameScope(IReadOnlySet<string>? Containers, IReadOnlySet<string>? Volumes)
{
    /// <summary>Nothing known: names are checked for form only.</summary>
    public static NameScope Open { get; } = new(null, null);
}
