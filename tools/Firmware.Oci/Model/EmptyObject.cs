namespace Firmware.Oci.Model;

/// <summary>The <c>{}</c> value of the set-like maps in an image config (ExposedPorts, Volumes).</summary>
public sealed record EmptyObject;
