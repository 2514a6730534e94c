using System.Formats.Tar;
using System.IO.Compression;
using Firmware.Oci.Model;

namespace Firmware.Oci.Writing;

/// <summary>
/// Writes a layer reproducibly (image-spec 1.1, layer.md): a ustar archive with entries sorted by
/// path (ordinal), every mtime set to one given instant (SOURCE_DATE_EPOCH), owners and modes as
/// given, no user or group names, then gzip. Same entries and instant, same bytes; so the same
/// digest, whoever builds it and when. ustar rather than PAX keeps access and change times out of
/// the archive; its 255-character path limit is checked with a clear error.
/// </summary>
public static class LayerBuilder
{
    /// <summary>Writes the compressed layer to <paramref name="output"/>.</summary>
    /// <param name="entries">The layer's content, in any order; parents must be listed too.</param>
    /// <param name="modificationTime">The mtime of every entry.</param>
    /// <param name="output">Receives the gzip-compressed tar.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The blob's descriptor and the tar's diff ID.</returns>
    public static async Task<BuiltLayer> WriteAsync(IEnumerable<LayerEntry> entries, DateTimeOffset modificationTime, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(output);
        var sorted = entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        Validate(sorted);
        await using var compressed = new HashingStream(output, leaveOpen: true);
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        await using (var tar = new HashingStream(gzip, leaveOpen: true))
        {
            await using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
            {
                foreach (var entry in sorted)
                {
                    await WriteEntryAsync(writer, entry, modificationTime, cancellationToken);
                }
            }

            await tar.FlushAsync(cancellationToken);
            var diffId = tar.Digest;
            await gzip.FlushAsync(cancellationToken);
            gzip.Dispose();
            return new BuiltLayer(new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = compressed.Digest, Size = compressed.Written }, diffId);
        }
    }

    private static async Task WriteEntryAsync(TarWriter writer, LayerEntry entry, DateTimeOffset modificationTime, CancellationToken cancellationToken)
    {
        var (type, name) = entry.Kind switch
        {
            LayerEntryKind.Directory => (TarEntryType.Directory, entry.Path + "/"),
            LayerEntryKind.Symlink => (TarEntryType.SymbolicLink, entry.Path),
            _ => (TarEntryType.RegularFile, entry.Path),
        };
        var tarEntry = new UstarTarEntry(type, name)
        {
            Mode = entry.Mode,
            Uid = entry.Uid,
            Gid = entry.Gid,
            UserName = "",
            GroupName = "",
            ModificationTime = modificationTime,
        };
        if (entry.Kind == LayerEntryKind.Symlink)
        {
            tarEntry.LinkName = entry.LinkTarget!;
        }

        if (entry.Kind == LayerEntryKind.File)
        {
            await using var content = entry.OpenContent!();
            tarEntry.DataStream = content;
            await writer.WriteEntryAsync(tarEntry, cancellationToken);
            return;
        }

        await writer.WriteEntryAsync(tarEntry, cancellationToken);
    }

    private static void Validate(List<LayerEntry> entries)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Path.Length == 0 || entry.Path.StartsWith('/') || entry.Path.EndsWith('/') || entry.Path.Split('/').Any(p => p is "" or "." or ".."))
            {
                throw new ArgumentException($"layer entry '{entry.Path}': paths are relative, with no empty, '.' or '..' components", nameof(entries));
            }

            if (System.Text.Encoding.UTF8.GetByteCount(entry.Path) > 250)
            {
                throw new ArgumentException($"layer entry '{entry.Path}': longer than the 250 bytes a ustar header holds here", nameof(entries));
            }

            if (i > 0 && entries[i - 1].Path == entry.Path)
            {
                throw new ArgumentException($"layer entry '{entry.Path}' is listed twice", nameof(entries));
            }

            if ((entry.Kind == LayerEntryKind.Symlink && entry.LinkTarget is null) || (entry.Kind == LayerEntryKind.File && entry.OpenContent is null))
            {
                throw new ArgumentException($"layer entry '{entry.Path}': a {entry.Kind} needs {(entry.Kind == LayerEntryKind.File ? "content" : "a link target")}", nameof(entries));
            }
        }
    }
}
