using System.Text;

namespace Firmware.Core.Tests;

/// <summary>One entry of a hand-built archive. <see cref="DeclaredSize"/> overrides the header's size field.</summary>
internal sealed record RawEntry(string Name, byte[] Data, byte Type = (byte)'0', string LinkName = "", long? DeclaredSize = null);

/// <summary>
/// An independent ustar encoder for tests: builds headers with any name, type flag and size,
/// with a correct checksum, so tests can craft what the product's writer never produces.
/// It writes the same fields as the product's writer (0644, root:root, the given time).
/// </summary>
internal static class RawTar
{
    public const int Block = 512;
    public const int ChecksumOffset = 148;
    public const int TypeOffset = 156;
    public const long DefaultTime = 1_700_000_000;

    public static byte[] Header(string name, long size, byte type = (byte)'0', string linkName = "", long mtime = DefaultTime)
    {
        var block = new byte[Block];
        Encoding.ASCII.GetBytes(name).AsSpan().CopyTo(block.AsSpan(0, 100));
        Octal(block.AsSpan(100, 8), 0x1A4);
        Octal(block.AsSpan(108, 8), 0);
        Octal(block.AsSpan(116, 8), 0);
        Octal(block.AsSpan(124, 12), size);
        Octal(block.AsSpan(136, 12), mtime);
        block[TypeOffset] = type;
        Encoding.ASCII.GetBytes(linkName).AsSpan().CopyTo(block.AsSpan(157, 100));
        "ustar\0"u8.CopyTo(block.AsSpan(257));
        "00"u8.CopyTo(block.AsSpan(263));
        "root"u8.CopyTo(block.AsSpan(265));
        "root"u8.CopyTo(block.AsSpan(297));
        Octal(block.AsSpan(329, 8), 0);
        Octal(block.AsSpan(337, 8), 0);
        Seal(block);
        return block;
    }

    /// <summary>Recomputes a header's checksum after a test changed its bytes.</summary>
    public static void Seal(Span<byte> header)
    {
        header.Slice(ChecksumOffset, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header[..Block])
        {
            sum += b;
        }

        Octal(header.Slice(ChecksumOffset, 7), sum);
        header[ChecksumOffset + 7] = (byte)' ';
    }

    /// <summary>Header, data and zero padding of each entry, then (by default) the two zero blocks.</summary>
    public static byte[] Archive(IEnumerable<RawEntry> entries, bool endMarker = true)
    {
        using var output = new MemoryStream();
        foreach (var entry in entries)
        {
            output.Write(Header(entry.Name, entry.DeclaredSize ?? entry.Data.Length, entry.Type, entry.LinkName));
            output.Write(entry.Data);
            output.Write(new byte[Padding(entry.Data.Length)]);
        }

        if (endMarker)
        {
            output.Write(new byte[2 * Block]);
        }

        return output.ToArray();
    }

    public static int Padding(long size) => (int)((Block - (size % Block)) % Block);

    private static void Octal(Span<byte> field, long value)
    {
        var text = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        Encoding.ASCII.GetBytes(text).AsSpan().CopyTo(field);
        field[^1] = 0;
    }
}

/// <summary>Where each entry of an archive lies, found by walking its headers.</summary>
internal sealed record TarEntry(string Name, long HeaderOffset, long DataOffset, long Size)
{
    public long DataEnd => DataOffset + Size;

    public long NextHeader => DataEnd + RawTar.Padding(Size);
}

internal sealed record TarLayout(IReadOnlyList<TarEntry> Entries, long EndMarker)
{
    public TarEntry this[string name] => Entries.Single(e => e.Name == name);

    /// <summary>Walks a well-formed archive (octal sizes only).</summary>
    public static TarLayout Of(byte[] archive)
    {
        var entries = new List<TarEntry>();
        long offset = 0;
        while (archive.AsSpan((int)offset, Block).ContainsAnyExcept((byte)0))
        {
            var header = archive.AsSpan((int)offset, Block);
            var name = Encoding.ASCII.GetString(header[..100]).TrimEnd('\0');
            var size = Convert.ToInt64(Encoding.ASCII.GetString(header.Slice(124, 11)), 8);
            var entry = new TarEntry(name, offset, offset + Block, size);
            entries.Add(entry);
            offset = entry.NextHeader;
        }

        return new TarLayout(entries, offset);
    }

    /// <summary>The entries' names and data, to rebuild variants with <see cref="RawTar.Archive"/>.</summary>
    public static List<RawEntry> Split(byte[] archive) =>
        Of(archive).Entries.Select(e => new RawEntry(e.Name, archive.AsSpan((int)e.DataOffset, (int)e.Size).ToArray())).ToList();

    private const int Block = RawTar.Block;
}
