using Firmware.Oci.Layouts;

namespace Firmware.Oci.Sources;

/// <summary>
/// Images in an OCI layout packed in a tar: <c>oci-archive:FILE[:TAG]</c>. The archive's entries
/// are indexed by name, and blobs are read in place without unpacking.
/// </summary>
public sealed class OciArchiveSource : LayoutSourceBase
{
    /// <inheritdoc/>
    public override string Name => "oci-archive";

    private protected override ILayoutStore OpenStore(string path, string image) => TarLayoutStore.Open(path, image);
}
