using Firmware.Image.Spec;

namespace Firmware.Image.Build;

/// <summary>A system container of a build: its spec entry, its resolved image and its generated config.json.</summary>
/// <param name="Spec">The spec entry.</param>
/// <param name="Image">Its image, resolved.</param>
/// <param name="ConfigJson">The bytes of its OCI runtime config.</param>
public sealed record PlannedContainer(ContainerSpec Spec, PlannedImage Image, byte[] ConfigJson);
