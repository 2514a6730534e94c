using Firmware.Image.Spec;

namespace Firmware.Image.Build;

/// <summary>A system container of a build: its spec entry, its resolved image and its generated config.json and runtime.json.</summary>
/// <param name="Spec">The spec entry.</param>
/// <param name="Image">Its image, resolved.</param>
/// <param name="ConfigJson">The bytes of its OCI runtime config.</param>
/// <param name="RuntimeJson">The bytes of its runtime.json: what LinuxKit's init does around it.</param>
public sealed record PlannedContainer(ContainerSpec Spec, PlannedImage Image, byte[] ConfigJson, byte[] RuntimeJson);
