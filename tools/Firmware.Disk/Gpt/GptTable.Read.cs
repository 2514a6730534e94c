using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using static Firmware.Disk.Gpt.GptFields;

namespace Firmware.Disk.Gpt;

public sealed partial class GptTable
{
    /// <summary>
    /// Reads and checks the GPT of <paramref name="disk"/> (seekable): the protective MBR, both
    /// headers and their CRC32s, both entry arrays, and that the backup matches the primary. The
    /// disk ends, for the returned table, where the primary header says the backup header is.
    /// </summary>
    /// <exception cref="GptException">The GPT is missing, corrupt or inconsistent.</exception>
    public static GptTable Read(Stream disk, int sectorSize = 512)
    {
        ArgumentNullException.ThrowIfNull(disk);
        var mbr = ReadSectors(disk, 0, 1, sectorSize);
        if (mbr[MbrBootSignature] != 0x55 || mbr[MbrBootSignature + 1] != 0xAA
            || !Enumerable.Range(0, 4).Any(i => mbr[MbrPartitionRecord + (i * 16) + RecordOsType] == ProtectiveOsType))
        {
            throw new GptException(GptError.NoProtectiveMbr, "sector 0 is not a protective MBR (no 0x55AA signature or no partition of type 0xEE)");
        }

        var primary = ReadHeader(disk, 1, sectorSize, "primary");
        var entries = ReadEntries(disk, primary, sectorSize, "primary");
        var backup = ReadHeader(disk, primary.AlternateLba, sectorSize, "backup");
        if (backup.AlternateLba != 1 || backup.DiskId != primary.DiskId || backup.FirstUsable != primary.FirstUsable
            || backup.LastUsable != primary.LastUsable || backup.EntriesCrc != primary.EntriesCrc)
        {
            throw new GptException(GptError.BackupMismatch, $"the backup header at sector {primary.AlternateLba} does not match the primary header");
        }

        if (!ReadEntries(disk, backup, sectorSize, "backup").AsSpan().SequenceEqual(entries))
        {
            throw new GptException(GptError.BackupMismatch, $"the backup entry array at sector {backup.EntriesLba} differs from the primary one");
        }

        try
        {
            return new GptTable(primary.DiskId, primary.AlternateLba + 1, DecodeEntries(entries), sectorSize, (primary.FirstUsable, primary.LastUsable));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new GptException(GptError.BadGeometry, $"the GPT header's geometry is impossible: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new GptException(GptError.BadPartition, e.Message);
        }
    }

    private sealed record Header(long AlternateLba, long FirstUsable, long LastUsable, Guid DiskId, long EntriesLba, uint EntriesCrc);

    private static Header ReadHeader(Stream disk, long lba, int sectorSize, string which)
    {
        var sector = ReadSectors(disk, lba, 1, sectorSize);
        if (!sector.AsSpan(Signature, 8).SequenceEqual(SignatureBytes))
        {
            throw new GptException(GptError.BadHeader, $"the {which} GPT header at sector {lba} lacks the 'EFI PART' signature");
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(HeaderSize));
        if (BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(Revision)) >> 16 != 1 || size < HeaderLength || size > sectorSize)
        {
            throw new GptException(GptError.BadHeader, $"the {which} GPT header at sector {lba} has an unsupported revision or size");
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(HeaderCrc32));
        BinaryPrimitives.WriteUInt32LittleEndian(sector.AsSpan(HeaderCrc32), 0);
        if (Crc32.HashToUInt32(sector.AsSpan(0, (int)size)) != stored)
        {
            throw new GptException(GptError.HeaderChecksum, $"the {which} GPT header at sector {lba} fails its CRC32");
        }

        var header = new Header(
            BinaryPrimitives.ReadInt64LittleEndian(sector.AsSpan(AlternateLba)),
            BinaryPrimitives.ReadInt64LittleEndian(sector.AsSpan(GptFields.FirstUsable)),
            BinaryPrimitives.ReadInt64LittleEndian(sector.AsSpan(GptFields.LastUsable)),
            new Guid(sector.AsSpan(DiskGuid, 16)),
            BinaryPrimitives.ReadInt64LittleEndian(sector.AsSpan(PartitionEntryLba)),
            BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(PartitionEntryArrayCrc32)));
        if (BinaryPrimitives.ReadInt64LittleEndian(sector.AsSpan(MyLba)) != lba || header.AlternateLba < 1 || header.AlternateLba == lba)
        {
            throw new GptException(GptError.BadGeometry, $"the {which} GPT header at sector {lba} names itself or its alternate wrongly");
        }

        if (BinaryPrimitives.ReadInt32LittleEndian(sector.AsSpan(NumberOfPartitionEntries)) != EntryCount
            || BinaryPrimitives.ReadInt32LittleEndian(sector.AsSpan(SizeOfPartitionEntry)) != EntrySize)
        {
            throw new GptException(GptError.BadHeader, $"the {which} GPT header at sector {lba} does not describe {EntryCount} entries of {EntrySize} bytes");
        }

        return header;
    }

    private static byte[] ReadEntries(Stream disk, Header header, int sectorSize, string which)
    {
        var entries = ReadSectors(disk, header.EntriesLba, EntryCount * EntrySize / sectorSize, sectorSize);
        if (Crc32.HashToUInt32(entries) != header.EntriesCrc)
        {
            throw new GptException(GptError.EntriesChecksum, $"the {which} GPT entry array at sector {header.EntriesLba} fails its CRC32");
        }

        return entries;
    }

    private static List<GptPartition> DecodeEntries(ReadOnlySpan<byte> array)
    {
        var partitions = new List<GptPartition>();
        for (var i = 0; i < EntryCount; i++)
        {
            var entry = array.Slice(i * EntrySize, EntrySize);
            var type = new Guid(entry.Slice(EntryType, 16));
            if (type == Guid.Empty)
            {
                continue;
            }

            var name = Encoding.Unicode.GetString(entry.Slice(EntryName, 72));
            var end = name.IndexOf('\0', StringComparison.Ordinal);
            partitions.Add(new GptPartition(
                end < 0 ? name : name[..end],
                type,
                new Guid(entry.Slice(EntryId, 16)),
                BinaryPrimitives.ReadInt64LittleEndian(entry[EntryFirstLba..]),
                BinaryPrimitives.ReadInt64LittleEndian(entry[EntryLastLba..]),
                (GptAttributes)BinaryPrimitives.ReadUInt64LittleEndian(entry[EntryAttributes..])));
        }

        return partitions;
    }

    private static byte[] ReadSectors(Stream disk, long lba, int count, int sectorSize)
    {
        var buffer = new byte[count * sectorSize];
        if (lba < 0 || (lba + count) * sectorSize > disk.Length)
        {
            throw new GptException(GptError.Truncated, $"the disk ({disk.Length} bytes) ends before sector {lba + count - 1}, which the GPT needs");
        }

        disk.Position = lba * sectorSize;
        disk.ReadExactly(buffer);
        return buffer;
    }
}
