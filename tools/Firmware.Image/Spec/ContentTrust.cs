namespace Firmware.Image.Spec;

/// <summary>
/// LinuxKit's legacy <c>trust:</c> section (Docker Content Trust: images and organisations whose
/// signatures to check). Accepted so that LinuxKit specs read unchanged; the toolkit pins images by
/// digest instead and does not consult it (docs/image-spec.md).
/// </summary>
/// <param name="Images">Images to verify.</param>
/// <param name="Orgs">Organisations whose images to verify.</param>
public sealed record ContentTrust(IReadOnlyList<string> Images, IReadOnlyList<string> Orgs);
