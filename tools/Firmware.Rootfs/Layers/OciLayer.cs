using System.Formats.Tar;
using Firmware.Rootfs.Tree;
using ZstdSharp;

namespace Firmware.Rootfs.Layers;

/// <summary>
/// Applies OCI image layers (OCI image spec, layer.md "Applying Changesets") to a
/// <see cref="RootfsTree"/>, in memory and without privileges: ownership, modes, device numbers,
/// hard links and xattrs are recorded, never made on the host.
/// </summary>
public static class OciLayer
{
    /// <summary>
    /// Applies one layer on top of <paramref name="tree"/>. On failure the tree is left part-way
    /// through the layer and must be discarded.
    /// </summary>
    /// <param name="tree">The tree so far (the lower layers).</param>
    /// <param name="blob">The layer blob, read to its end; not disposed.</param>
    /// <param name="layerName">The layer's digest or name, used in every error.</param>
    /// <param name="compression">What the blob's media type says, or <see cref="LayerCompression.Detect"/>.</param>
    /// <param name="options">Limits; <see cref="LayerOptions.Default"/> when null.</param>
    /// <exception cref="RootfsException">The layer is malformed or tries to leave the root.</exception>
    public static void Apply(RootfsTree tree, Stream blob, string layerName, LayerCompression compression = LayerCompression.Detect, LayerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentException.ThrowIfNullOrEmpty(layerName);
        var applier = new LayerApplier(tree, layerName, options ?? LayerOptions.Default);
        try
        {
            using var tar = LayerStreams.OpenTar(blob, compression);
            using var reader = new TarReader(tar, leaveOpen: true);
            while (NextEntry(reader, layerName) is { } entry)
            {
                applier.Apply(entry);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ZstdException)
        {
            throw new RootfsException(RootfsError.MalformedLayer, $"layer is not a readable tar: {e.Message}", layerName, applier.CurrentEntry, e);
        }
    }

    private static TarEntry? NextEntry(TarReader reader, string layerName)
    {
        try
        {
            return reader.GetNextEntry(copyData: false);
        }
        catch (NotSupportedException e)
        {
            // TarReader refuses GNU sparse, multi-volume and volume-header entries this way.
            throw new RootfsException(RootfsError.UnsupportedEntryType, $"layer holds an entry type a root filesystem cannot: {e.Message}", layerName, null, e);
        }
        catch (ArgumentException e)
        {
            // TarReader reports some corrupt header fields (bad sizes, bad octal) this way.
            throw new RootfsException(RootfsError.MalformedLayer, $"layer is not a readable tar: {e.Message}", layerName, null, e);
        }
    }
}
