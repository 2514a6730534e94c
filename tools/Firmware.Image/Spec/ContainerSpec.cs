namespace Firmware.Image.Spec;

/// <summary>A system container of an image spec: its name, its image, and the options the spec writes for it.</summary>
/// <param name="Name">The container's name, unique in the image.</param>
/// <param name="Image">The image it runs.</param>
/// <param name="Stage">The section it is listed in.</param>
/// <param name="Options">The options the spec writes; the image's label supplies the rest (<see cref="Runtime.OciConfigGenerator"/>).</param>
public sealed record ContainerSpec(string Name, ImageReference Image, ContainerStage Stage, RuntimeOptions Options);
