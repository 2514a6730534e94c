using Firmware.Oci.Layouts;

namespace Firmware.Oci.Sources;

/// <summary>Images in an OCI image layout directory: <c>oci:DIR[:TAG]</c>, as skopeo and umoci name them.</summary>
public sealed class OciLayoutSource : LayoutSourceBase
{
    /// <inheritdoc/>
    public override string Name => "oci";

    private protected override ILayoutStore OpenStore(string path, string image) => Directory.Exists(path)
        ? new DirectoryLayoutStore(path)
        : throw new OciException(OciError.NotFound, $"{image}: layout directory {path} does not exist");
}
