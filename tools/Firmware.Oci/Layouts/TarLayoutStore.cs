using System.Formats.Tar;

namespace Firmware.Oci.Layouts;

/// <summary>
/// The files of a tar archive (an oci-archive or a docker-archive), indexed once by name so each
/// blob is then read in place, without unpacking the archive.
/// </summary>
internal sealed class TarLayoutStore : ILayoutStore
{
    private readonly string _archive;
    private readonly Dictionary<string, (long Offset, long Length)> _entries;

    private TarLayoutStore(string archive, Dictionary<string, (long Offset, long Length)> entries)
    {
        _archive = archive;
        _entries = entries;
    }

    /// <summary>Indexes <paramref name="archive"/>: regular files only, names without a leading <c>./</c>.</summary>
    public static TarLayoutStore Open(string archive, string image)
    {
        if (!File.Exists(archive))
        {
            throw new OciException(OciError.NotFound, $"{image}: archive {archive} does not exist");
        }

        var entries = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            using var reader = new TarReader(file, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                // On a seekable archive the reader skips the data, padded to whole 512-byte
                // blocks, before it returns the entry: the data starts that far back.
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                {
                    var padded = (entry.Length + 511) / 512 * 512;
                    entries[Normalize(entry.Name)] = (file.Position - padded, entry.Length);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new OciException(OciError.InvalidLayout, $"{image}: {archive} is not a readable tar: {e.Message}", e);
        }

        return new TarLayoutStore(archive, entries);
    }

    public string Describe(string relativePath) => $"{_archive}!{relativePath}";

    public Stream? TryOpen(string relativePath, out long length)
    {
        if (!_entries.TryGetValue(Normalize(relativePath), out var entry))
        {
            length = 0;
            return null;
        }

        length = entry.Length;
        var file = new FileStream(_archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        file.Position = entry.Offset;
        return new WindowStream(file, entry.Length);
    }

    private static string Normalize(string name) => name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
}
