using Firmware.Oci.Model;

namespace Firmware.Image.Packages;

/// <summary>A built package image: the index over its per-architecture manifests.</summary>
/// <param name="Name">The package's name (pkg.yml <c>name</c>).</param>
/// <param name="Tag">Its tag in the layout.</param>
/// <param name="Layout">The layout directory written.</param>
/// <param name="Index">The image index, tagged in index.json.</param>
/// <param name="Images">Per architecture: the manifest (with its platform) and its one layer.</param>
public sealed record PackageBuildResult(string Name, string Tag, string Layout, Descriptor Index, IReadOnlyList<PackageImage> Images);
