namespace Firmware.Disk.Gpt;

/// <summary>A partition a layout should contain.</summary>
/// <param name="Name">The partition name (PARTLABEL); also what its derived GUID is keyed on.</param>
/// <param name="Type">The type GUID.</param>
/// <param name="SizeBytes">The size; rounded up to the alignment. Null for the last partition
/// only: it takes the rest of a disk whose size is given.</param>
/// <param name="Attributes">The attribute bits.</param>
public sealed record PartitionRequest(string Name, Guid Type, long? SizeBytes, GptAttributes Attributes = GptAttributes.None);
