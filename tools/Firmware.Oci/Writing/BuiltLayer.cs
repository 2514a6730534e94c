using Firmware.Oci.Model;

namespace Firmware.Oci.Writing;

/// <summary>A layer as written: the compressed blob's descriptor and the uncompressed tar's digest (the config's diff ID).</summary>
/// <param name="Descriptor">The gzip-compressed layer blob.</param>
/// <param name="DiffId">The SHA-256 of the uncompressed tar.</param>
public sealed record BuiltLayer(Descriptor Descriptor, Digest DiffId);
