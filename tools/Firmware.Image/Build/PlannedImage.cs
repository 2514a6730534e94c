using Firmware.Image.Spec;
using Firmware.Oci.Sources;

namespace Firmware.Image.Build;

/// <summary>One image of a build, resolved for the build's platform.</summary>
/// <param name="Role">What it is for.</param>
/// <param name="Reference">The reference as the spec writes it.</param>
/// <param name="Location">The transport location it was resolved at (<see cref="ImageSourceMap"/>).</param>
/// <param name="Source">The source that resolved it and opens its blobs.</param>
/// <param name="Resolved">Its manifest, config and layers.</param>
public sealed record PlannedImage(ImageRole Role, ImageReference Reference, string Location, IImageSource Source, ResolvedImage Resolved);
