using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using static Firmware.Disk.Gpt.GptFields;

namespace Firmware.Disk.Gpt;

public sealed partial class GptTable
{
    /// <summary>
    /// The two regions of the disk a GPT occupies: <see cref="GptRegions.Primary"/> goes at byte 0
    /// (protective MBR, header, entries), <see cref="GptRegions.Backup"/> at
    /// <see cref="GptRegions.BackupOffset"/> (entries, then the backup header in the last sector).
    /// </summary>
    public GptRegions Encode()
    {
        var entries = EncodeEntries();
        var entriesCrc = Crc32.HashToUInt32(entries);

        var primary = new byte[FirstUsableLba * SectorSize];
        EncodeProtectiveMbr(primary.AsSpan(0, SectorSize));
        EncodeHeader(primary.AsSpan(SectorSize, SectorSize), myLba: 1, alternateLba: BackupHeaderLba, entriesLba: 2, entriesCrc);
        entries.CopyTo(primary.AsSpan(2 * SectorSize));

        var backup = new byte[(EntrySectors + 1) * SectorSize];
        entries.CopyTo(backup.AsSpan());
        EncodeHeader(backup.AsSpan(EntrySectors * SectorSize, SectorSize), myLba: BackupHeaderLba, alternateLba: 1, entriesLba: BackupEntriesLba, entriesCrc);

        return new GptRegions(primary, backup, BackupEntriesLba * SectorSize);
    }

    /// <summary>Writes both copies of the table into <paramref name="disk"/>, which must be seekable.
    /// Bytes between the two regions are left as they are.</summary>
    public void WriteTo(Stream disk)
    {
        ArgumentNullException.ThrowIfNull(disk);
        var regions = Encode();
        disk.Position = 0;
        disk.Write(regions.Primary.Span);
        disk.Position = regions.BackupOffset;
        disk.Write(regions.Backup.Span);
    }

    private byte[] EncodeEntries()
    {
        var array = new byte[EntryCount * EntrySize];
        for (var i = 0; i < Partitions.Count; i++)
        {
            var entry = array.AsSpan(i * EntrySize, EntrySize);
            var p = Partitions[i];
            p.Type.TryWriteBytes(entry[EntryType..]);
            p.Id.TryWriteBytes(entry[EntryId..]);
            BinaryPrimitives.WriteInt64LittleEndian(entry[EntryFirstLba..], p.FirstLba);
            BinaryPrimitives.WriteInt64LittleEndian(entry[EntryLastLba..], p.LastLba);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[EntryAttributes..], (ulong)p.Attributes);
            Encoding.Unicode.GetBytes(p.Name, entry[EntryName..]);
        }

        return array;
    }

    private void EncodeProtectiveMbr(Span<byte> sector)
    {
        // One partition of type 0xEE covering the disk (or as much as 32 bits can say), so tools
        // that only know MBR see the disk as in use rather than empty (UEFI 2.10, 5.2.3).
        var record = sector.Slice(MbrPartitionRecord, 16);
        record[RecordStartChs + 1] = 0x02; // CHS 0/0/2: sector 1
        record[RecordOsType] = ProtectiveOsType;
        record.Slice(RecordEndChs, 3).Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(record[RecordStartLba..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(record[RecordSizeInLba..], (uint)Math.Min(DiskSectors - 1, uint.MaxValue));
        sector[MbrBootSignature] = 0x55;
        sector[MbrBootSignature + 1] = 0xAA;
    }

    private void EncodeHeader(Span<byte> sector, long myLba, long alternateLba, long entriesLba, uint entriesCrc)
    {
        SignatureBytes.CopyTo(sector[Signature..]);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[Revision..], RevisionOne);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[HeaderSize..], HeaderLength);
        BinaryPrimitives.WriteInt64LittleEndian(sector[MyLba..], myLba);
        BinaryPrimitives.WriteInt64LittleEndian(sector[AlternateLba..], alternateLba);
        BinaryPrimitives.WriteInt64LittleEndian(sector[FirstUsable..], FirstUsableLba);
        BinaryPrimitives.WriteInt64LittleEndian(sector[LastUsable..], LastUsableLba);
        DiskId.TryWriteBytes(sector[DiskGuid..]);
        BinaryPrimitives.WriteInt64LittleEndian(sector[PartitionEntryLba..], entriesLba);
        BinaryPrimitives.WriteInt32LittleEndian(sector[NumberOfPartitionEntries..], EntryCount);
        BinaryPrimitives.WriteInt32LittleEndian(sector[SizeOfPartitionEntry..], EntrySize);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[PartitionEntryArrayCrc32..], entriesCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[HeaderCrc32..], Crc32.HashToUInt32(sector[..HeaderLength]));
    }
}
