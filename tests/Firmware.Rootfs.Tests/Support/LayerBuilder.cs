using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Firmware.Rootfs.Tests.Support;

/// <summary>Builds layer tars in memory with System.Formats.Tar, the way image builders write them.</summary>
public sealed class LayerBuilder
{
    private readonly List<TarEntry> _entries = [];

    public LayerBuilder(TarEntryFormat format = TarEntryFormat.Pax) => Format = format;

    public TarEntryFormat Format { get; }

    public static DateTimeOffset Time { get; } = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public LayerBuilder Dir(string name, int mode = 0b111_101_101, int uid = 0, int gid = 0) =>
        Add(Entry(TarEntryType.Directory, name, mode, uid, gid));

    public LayerBuilder File(string name, string content, int mode = 0b110_100_100, int uid = 0, int gid = 0, Dictionary<string, string>? pax = null)
    {
        var entry = Entry(TarEntryType.RegularFile, name, mode, uid, gid, pax);
        entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return Add(entry);
    }

    public LayerBuilder Symlink(string name, string target, int uid = 0, int gid = 0)
    {
        var entry = Entry(TarEntryType.SymbolicLink, name, 0b111_111_111, uid, gid);
        entry.LinkName = target;
        return Add(entry);
    }

    public LayerBuilder HardLink(string name, string target)
    {
        var entry = Entry(TarEntryType.HardLink, name, 0b110_100_100, 0, 0);
        entry.LinkName = target;
        return Add(entry);
    }

    public LayerBuilder Device(string name, TarEntryType type, int major, int minor, int mode = 0b110_110_110, int uid = 0, int gid = 0)
    {
        var entry = (PosixTarEntry)Entry(type, name, mode, uid, gid);
        entry.DeviceMajor = major;
        entry.DeviceMinor = minor;
        return Add(entry);
    }

    public LayerBuilder Fifo(string name, int mode = 0b110_100_100) => Add(Entry(TarEntryType.Fifo, name, mode, 0, 0));

    public LayerBuilder Whiteout(string directory, string hidden) => File($"{directory}/.wh.{hidden}".TrimStart('/'), "");

    public LayerBuilder Opaque(string directory) => File($"{directory}/.wh..wh..opq".TrimStart('/'), "");

    public LayerBuilder Add(TarEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public TarEntry Entry(TarEntryType type, string name, int mode, int uid, int gid, Dictionary<string, string>? pax = null)
    {
        TarEntry entry = Format switch
        {
            TarEntryFormat.Pax => new PaxTarEntry(type, name, pax ?? []),
            TarEntryFormat.Gnu => new GnuTarEntry(type, name),
            TarEntryFormat.Ustar => new UstarTarEntry(type, name),
            _ => new V7TarEntry(type == TarEntryType.RegularFile ? TarEntryType.V7RegularFile : type, name),
        };
        entry.Mode = (UnixFileMode)mode;
        entry.Uid = uid;
        entry.Gid = gid;
        entry.ModificationTime = Time;
        return entry;
    }

    /// <summary>The finished tar, uncompressed.</summary>
    public byte[] Tar()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, Format, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                entry.DataStream?.Position = 0;
                writer.WriteEntry(entry);
            }
        }

        return tar.ToArray();
    }

    public byte[] Gzip()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Tar());
        }

        return output.ToArray();
    }

    public byte[] Zstd()
    {
        using var compressor = new ZstdSharp.Compressor(3);
        return compressor.Wrap(Tar()).ToArray();
    }
}
