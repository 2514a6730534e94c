using Firmware.Oci.Model;

namespace Firmware.Image.Packages;

/// <summary>One architecture's image of a package.</summary>
/// <param name="Manifest">The manifest's descriptor, with its platform.</param>
/// <param name="Layer">The layer blob.</param>
/// <param name="Files">How many entries the layer holds.</param>
public sealed record PackageImage(Descriptor Manifest, Descriptor Layer, int Files);
