using System.Buffers.Binary;
using System.Text;
using Firmware.Bundles;

namespace Firmware.Tar;

/// <summary>
/// One POSIX ustar header block (IEEE Std 1003.1-2017, "pax" chapter, ustar Interchange Format).
/// Bundles use only regular-file entries with short names, so this is the whole tar dialect the
/// format needs: no PAX records, no GNU long names, no links. Numbers are octal ASCII, except that
/// sizes of 8 GiB and more use the base-256 form (high bit set, big-endian) that GNU tar and
/// bsdtar read.
/// </summary>
public readonly record struct TarHeader(string Name, long Size, long ModificationTime, int Mode)
{
    /// <summary>The size of a header block and the unit of tar data padding.</summary>
    public const int BlockSize = 512;

    // Field locations, each computed from the one before (ustar layout).
    private const int NameOffset = 0, NameLength = 100;
    private const int ModeOffset = NameOffset + NameLength, ModeLength = 8;
    private const int UidOffset = ModeOffset + ModeLength, UidLength = 8;
    private const int GidOffset = UidOffset + UidLength, GidLength = 8;
    private const int SizeOffset = GidOffset + GidLength, SizeLength = 12;
    private const int MtimeOffset = SizeOffset + SizeLength, MtimeLength = 12;
    private const int ChecksumOffset = MtimeOffset + MtimeLength, ChecksumLength = 8;
    private const int TypeOffset = ChecksumOffset + ChecksumLength, TypeLength = 1;
    private const int LinkNameOffset = TypeOffset + TypeLength, LinkNameLength = 100;
    private const int MagicOffset = LinkNameOffset + LinkNameLength, MagicLength = 6;
    private const int VersionOffset = MagicOffset + MagicLength, VersionLength = 2;
    private const int UserNameOffset = VersionOffset + VersionLength, UserNameLength = 32;
    private const int GroupNameOffset = UserNameOffset + UserNameLength, GroupNameLength = 32;
    private const int DevMajorOffset = GroupNameOffset + GroupNameLength, DevMajorLength = 8;
    private const int DevMinorOffset = DevMajorOffset + DevMajorLength, DevMinorLength = 8;
    private const int PrefixOffset = DevMinorOffset + DevMinorLength, PrefixLength = 155;

    private const byte RegularType = (byte)'0';
    private const byte LegacyRegularType = 0;
    private static ReadOnlySpan<byte> UstarMagic => "ustar\0"u8;
    private static ReadOnlySpan<byte> UstarVersion => "00"u8;
    private static ReadOnlySpan<byte> Owner => "root"u8;

    /// <summary>The largest size the 11-digit octal field holds; larger sizes use base-256.</summary>
    private const long MaxOctalSize = (1L << 33) - 1;

    /// <summary>The mode every bundle entry has (0644).</summary>
    public const int EntryMode = 0x1A4;

    /// <summary>
    /// True when <paramref name="block"/> is exactly the header <see cref="WriteTo"/> writes for
    /// <paramref name="header"/> with mode <see cref="EntryMode"/>. Bundles admit only this one
    /// encoding, so that no bit of a header can change without the reader noticing.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<byte> block, TarHeader header)
    {
        // WriteTo writes the modification time as 11 octal digits and throws for anything larger,
        // but a parsed header can carry up to 12 digits or a base-256 time: no such header is
        // canonical, so it is refused here rather than by an exception from WriteTo.
        if (header.Mode != EntryMode || header.Name.Length > NameLength || header.ModificationTime is < 0 or > MaxOctalSize)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[BlockSize];
        header.WriteTo(expected);
        return block[..BlockSize].SequenceEqual(expected);
    }

    /// <summary>Number of padding bytes that follow <paramref name="size"/> bytes of entry data.</summary>
    public static int PaddingFor(long size) => (int)((BlockSize - (size % BlockSize)) % BlockSize);

    /// <summary>True when <paramref name="block"/> is all zeros (half of the end-of-archive marker).</summary>
    public static bool IsZeroBlock(ReadOnlySpan<byte> block) => !block[..BlockSize].ContainsAnyExcept((byte)0);

    /// <summary>
    /// Writes this header as a regular-file entry owned by root:root into a 512-byte block.
    /// The output depends only on the record's fields, so bundles are reproducible.
    /// </summary>
    public void WriteTo(Span<byte> block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(block.Length, BlockSize, nameof(block));
        ArgumentOutOfRangeException.ThrowIfNegative(Size);
        var nameBytes = Encoding.ASCII.GetByteCount(Name);
        if (nameBytes is 0 or > NameLength || !Ascii.IsValid(Name))
        {
            throw new InvalidOperationException($"Tar entry name '{Name}' must be 1 to {NameLength} ASCII characters.");
        }

        block = block[..BlockSize];
        block.Clear();
        Encoding.ASCII.GetBytes(Name, block.Slice(NameOffset, NameLength));
        WriteOctal(block.Slice(ModeOffset, ModeLength), Mode);
        WriteOctal(block.Slice(UidOffset, UidLength), 0);
        WriteOctal(block.Slice(GidOffset, GidLength), 0);
        if (Size <= MaxOctalSize)
        {
            WriteOctal(block.Slice(SizeOffset, SizeLength), Size);
        }
        else
        {
            var field = block.Slice(SizeOffset, SizeLength);
            BinaryPrimitives.WriteInt64BigEndian(field[4..], Size);
            field[0] = 0x80;
        }

        WriteOctal(block.Slice(MtimeOffset, MtimeLength), ModificationTime);
        block[TypeOffset] = RegularType;
        UstarMagic.CopyTo(block.Slice(MagicOffset, MagicLength));
        UstarVersion.CopyTo(block.Slice(VersionOffset, VersionLength));
        Owner.CopyTo(block.Slice(UserNameOffset, UserNameLength));
        Owner.CopyTo(block.Slice(GroupNameOffset, GroupNameLength));
        WriteOctal(block.Slice(DevMajorOffset, DevMajorLength), 0);
        WriteOctal(block.Slice(DevMinorOffset, DevMinorLength), 0);

        // The checksum is computed with its own field read as eight spaces, then written as
        // six octal digits, NUL, space (the form GNU tar writes).
        block.Slice(ChecksumOffset, ChecksumLength).Fill((byte)' ');
        var checksum = Checksum(block);
        WriteOctal(block.Slice(ChecksumOffset, ChecksumLength - 1), checksum);
        block[ChecksumOffset + ChecksumLength - 1] = (byte)' ';
    }

    /// <summary>
    /// Parses and validates a header block of a bundle. <paramref name="offset"/> is the block's
    /// position in the stream, used in error reports. The caller has already ruled out a zero block.
    /// </summary>
    /// <exception cref="BundleException">The block is not a valid regular-file ustar header.</exception>
    public static TarHeader Parse(ReadOnlySpan<byte> block, long offset)
    {
        block = block[..BlockSize];
        var stored = ParseNumber(block.Slice(ChecksumOffset, ChecksumLength), offset + ChecksumOffset, "checksum");
        if (stored != Checksum(block))
        {
            throw new BundleException(BundleError.HeaderChecksum, "tar header checksum does not match its bytes", null, offset);
        }

        if (!block.Slice(MagicOffset, MagicLength).SequenceEqual(UstarMagic) ||
            !block.Slice(VersionOffset, VersionLength).SequenceEqual(UstarVersion))
        {
            throw new BundleException(BundleError.HeaderInvalid, "tar header is not POSIX ustar (magic 'ustar\\0', version '00')", null, offset + MagicOffset);
        }

        var name = ReadName(block, offset);
        var type = block[TypeOffset];
        if (type is not (RegularType or LegacyRegularType))
        {
            throw new BundleException(BundleError.UnsupportedEntryType, $"entry type '{DescribeType(type)}' is not allowed; bundles hold regular files only", name, offset + TypeOffset);
        }

        if (block.Slice(LinkNameOffset, LinkNameLength).ContainsAnyExcept((byte)0))
        {
            throw new BundleException(BundleError.HeaderInvalid, "a regular file must not name a link target", name, offset + LinkNameOffset);
        }

        var size = ParseNumber(block.Slice(SizeOffset, SizeLength), offset + SizeOffset, "size");
        var mtime = ParseNumber(block.Slice(MtimeOffset, MtimeLength), offset + MtimeOffset, "mtime");
        var mode = ParseNumber(block.Slice(ModeOffset, ModeLength), offset + ModeOffset, "mode");
        return new TarHeader(name, size, mtime, (int)(mode & 0xFFF));
    }

    private static string ReadName(ReadOnlySpan<byte> block, long offset)
    {
        var name = TrimNul(block.Slice(NameOffset, NameLength));
        var prefix = TrimNul(block.Slice(PrefixOffset, PrefixLength));
        if (name.IsEmpty || !Ascii.IsValid(name) || !Ascii.IsValid(prefix))
        {
            throw new BundleException(BundleError.HeaderInvalid, "tar entry name is empty or not ASCII", null, offset);
        }

        var full = prefix.IsEmpty
            ? Encoding.ASCII.GetString(name)
            : Encoding.ASCII.GetString(prefix) + "/" + Encoding.ASCII.GetString(name);
        return full;
    }

    private static ReadOnlySpan<byte> TrimNul(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return end < 0 ? field : field[..end];
    }

    /// <summary>Sums the header's bytes as unsigned, with the checksum field counted as spaces.</summary>
    private static long Checksum(ReadOnlySpan<byte> block)
    {
        long sum = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            sum += i is >= ChecksumOffset and < ChecksumOffset + ChecksumLength ? (byte)' ' : block[i];
        }

        return sum;
    }

    private static void WriteOctal(Span<byte> field, long value)
    {
        // Zero-padded digits filling all but the last byte, which is NUL.
        var digits = field.Length - 1;
        for (var i = digits - 1; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value & 7));
            value >>= 3;
        }

        if (value != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Value does not fit its tar field.");
        }

        field[digits] = 0;
    }

    private static long ParseNumber(ReadOnlySpan<byte> field, long offset, string what)
    {
        if ((field[0] & 0x80) != 0)
        {
            // Base-256: the remaining bits of the field, big-endian. Negative values (0xFF lead) are invalid here.
            // Only the 12-byte fields (size, mtime) can hold it; in an 8-byte field it is malformed.
            if (field.Length < 9 || field[0] != 0x80 || field[1..^8].ContainsAnyExcept((byte)0) || (field[^8] & 0x80) != 0)
            {
                throw new BundleException(BundleError.HeaderInvalid, $"tar {what} field holds an unsupported base-256 number", null, offset);
            }

            return BinaryPrimitives.ReadInt64BigEndian(field[^8..]);
        }

        var i = 0;
        while (i < field.Length && field[i] == (byte)' ')
        {
            i++;
        }

        long value = 0;
        var digits = 0;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++, digits++)
        {
            value = (value << 3) | (long)(field[i] - '0');
        }

        // Digits end with NUL or space, and nothing but NULs and spaces may follow.
        if (digits == 0 || digits > 21 || field[i..].ContainsAnyExcept((byte)0, (byte)' '))
        {
            throw new BundleException(BundleError.HeaderInvalid, $"tar {what} field is not an octal number", null, offset);
        }

        return value;
    }

    private static string DescribeType(byte type) => type switch
    {
        (byte)'1' => "hard link",
        (byte)'2' => "symbolic link",
        (byte)'3' => "character device",
        (byte)'4' => "block device",
        (byte)'5' => "directory",
        (byte)'6' => "FIFO",
        (byte)'7' => "contiguous file",
        (byte)'x' or (byte)'g' => "PAX extended header",
        (byte)'L' or (byte)'K' => "GNU long name",
        _ => $"0x{type:x2}",
    };
}
