using System.Text;

namespace Firmware.Rootfs.Layers;

/// <summary>
/// Extended attributes carried in PAX extended headers (POSIX.1-2008 pax format). Two spellings
/// exist: <c>SCHILY.xattr.NAME</c> (star, GNU tar; the value is the raw bytes) and
/// <c>LIBARCHIVE.xattr.NAME</c> (bsdtar; name percent-encoded, value base64). When both name the
/// same attribute, the LIBARCHIVE record wins: it survives any byte value.
/// </summary>
internal static class XattrRecords
{
    private const string Schily = "SCHILY.xattr.";
    private const string Libarchive = "LIBARCHIVE.xattr.";

    public static SortedDictionary<string, byte[]> Decode(IReadOnlyDictionary<string, string> records, string source, string entry)
    {
        var xattrs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in records)
        {
            if (key.StartsWith(Libarchive, StringComparison.Ordinal))
            {
                var name = Check(Uri.UnescapeDataString(key[Libarchive.Length..]), source, entry);
                try
                {
                    // libarchive omits the '=' padding; restore it for the strict decoder.
                    xattrs[name] = Convert.FromBase64String(value.PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '='));
                }
                catch (FormatException e)
                {
                    throw new RootfsException(RootfsError.InvalidXattr, $"xattr {name} is not valid base64", source, entry, e);
                }
            }
        }

        foreach (var (key, value) in records)
        {
            if (!key.StartsWith(Schily, StringComparison.Ordinal) || xattrs.ContainsKey(key[Schily.Length..]))
            {
                continue;
            }

            var name = Check(key[Schily.Length..], source, entry);
            // System.Formats.Tar hands PAX values over as UTF-8 strings; bytes that were not UTF-8
            // come back as U+FFFD and the original value is lost. Refuse rather than write a
            // corrupted capability set.
            if (value.Contains('\uFFFD', StringComparison.Ordinal))
            {
                throw new RootfsException(RootfsError.InvalidXattr,
                    $"xattr {name} holds bytes that are not UTF-8; write it as LIBARCHIVE.xattr (base64)", source, entry);
            }

            xattrs[name] = Encoding.UTF8.GetBytes(value);
        }

        return xattrs;
    }

    private static string Check(string name, string source, string entry) =>
        name.Length == 0 || name.Contains('\0', StringComparison.Ordinal) || !name.Contains('.', StringComparison.Ordinal)
            ? throw new RootfsException(RootfsError.InvalidXattr, $"xattr name '{name}' has no namespace or holds NUL", source, entry)
            : name;
}
