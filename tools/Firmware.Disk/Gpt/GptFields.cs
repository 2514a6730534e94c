namespace Firmware.Disk.Gpt;

/// <summary>
/// Byte offsets of the structures a GPT disk starts and ends with (UEFI 2.10, chapter 5: table 5-2
/// for the protective MBR's partition record, 5-5 for the header, 5-6 for an entry). Each offset
/// is the previous one plus its field's length. Every integer is little-endian; GUIDs are stored
/// in the mixed-endian form whose first three fields are little-endian, which is exactly what
/// <see cref="Guid.TryWriteBytes(Span{byte})"/> writes.
/// </summary>
internal static class GptFields
{
    // Protective MBR (sector 0).
    public const int MbrDiskSignature = 440;      // 4 bytes, unused by UEFI: zero
    public const int MbrPartitionRecord = 446;    // 16 bytes; the other three records are zero
    public const int MbrBootSignature = 510;      // 0x55 0xAA
    public const int RecordBootIndicator = 0;
    public const int RecordStartChs = RecordBootIndicator + 1;
    public const int RecordOsType = RecordStartChs + 3;
    public const int RecordEndChs = RecordOsType + 1;
    public const int RecordStartLba = RecordEndChs + 3;
    public const int RecordSizeInLba = RecordStartLba + 4;
    public const byte ProtectiveOsType = 0xEE;

    // Header (sectors 1 and last).
    public const int Signature = 0;                               // "EFI PART"
    public const int Revision = Signature + 8;                    // 0x00010000
    public const int HeaderSize = Revision + 4;                   // 92
    public const int HeaderCrc32 = HeaderSize + 4;                // over HeaderSize bytes, this field zero
    public const int Reserved = HeaderCrc32 + 4;
    public const int MyLba = Reserved + 4;
    public const int AlternateLba = MyLba + 8;
    public const int FirstUsable = AlternateLba + 8;
    public const int LastUsable = FirstUsable + 8;
    public const int DiskGuid = LastUsable + 8;
    public const int PartitionEntryLba = DiskGuid + 16;
    public const int NumberOfPartitionEntries = PartitionEntryLba + 8;
    public const int SizeOfPartitionEntry = NumberOfPartitionEntries + 4;
    public const int PartitionEntryArrayCrc32 = SizeOfPartitionEntry + 4;
    public const int HeaderLength = PartitionEntryArrayCrc32 + 4; // 92
    public const uint RevisionOne = 0x00010000;
    public static ReadOnlySpan<byte> SignatureBytes => "EFI PART"u8;

    // Partition entry.
    public const int EntryType = 0;
    public const int EntryId = EntryType + 16;
    public const int EntryFirstLba = EntryId + 16;
    public const int EntryLastLba = EntryFirstLba + 8;
    public const int EntryAttributes = EntryLastLba + 8;
    public const int EntryName = EntryAttributes + 8;             // 72 bytes of UTF-16LE, NUL-padded
    public const int EntryLength = EntryName + 72;                // 128
}
