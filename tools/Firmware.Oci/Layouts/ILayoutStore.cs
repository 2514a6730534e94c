namespace Firmware.Oci.Layouts;

/// <summary>The files of an OCI image layout, wherever they are kept: a directory or a tar.</summary>
internal interface ILayoutStore
{
    /// <summary>How error messages name a file of the layout.</summary>
    string Describe(string relativePath);

    /// <summary>Opens <paramref name="relativePath"/> and gives its length, or returns null when it does not exist.</summary>
    Stream? TryOpen(string relativePath, out long length);
}
