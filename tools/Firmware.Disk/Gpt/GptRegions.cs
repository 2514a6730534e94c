namespace Firmware.Disk.Gpt;

/// <summary>The bytes of an encoded GPT and where they go on the disk.</summary>
/// <param name="Primary">Written at byte 0: protective MBR, primary header, entry array.</param>
/// <param name="Backup">Written at <paramref name="BackupOffset"/>: entry array, then the backup header.</param>
/// <param name="BackupOffset">The byte offset of the backup region, which ends at the end of the disk.</param>
public sealed record GptRegions(ReadOnlyMemory<byte> Primary, ReadOnlyMemory<byte> Backup, long BackupOffset);
