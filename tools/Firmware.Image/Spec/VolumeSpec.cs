namespace Firmware.Image.Spec;

/// <summary>A named volume that containers bind by name: blank, or filled from an image.</summary>
/// <param name="Name">The name binds refer to.</param>
/// <param name="Image">The image whose contents fill it, or null for a blank volume.</param>
/// <param name="Readonly">Whether containers see it read-only.</param>
/// <param name="Format"><c>oci</c> (an OCI layout of the image) or <c>filesystem</c> (its unpacked files, the default).</param>
/// <param name="Platforms">The platforms of the image to keep (<c>linux/arm64</c>), for the oci format.</param>
public sealed record VolumeSpec(string Name, ImageReference? Image, bool Readonly, string Format, IReadOnlyList<string> Platforms);
