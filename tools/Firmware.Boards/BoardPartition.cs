namespace Firmware.Boards;

/// <summary>One partition of a board's disk.</summary>
/// <param name="Name">The GPT name (PARTLABEL) the initramfs and the agent find it by.</param>
/// <param name="Role">What it holds.</param>
/// <param name="SizeBytes">Its size; null for the last partition when it takes the rest of the disk.</param>
/// <param name="Type">The GPT type GUID: from the Discoverable Partitions Specification for the role
/// and architecture unless board.yml names another.</param>
public sealed record BoardPartition(string Name, PartitionRole Role, long? SizeBytes, Guid Type);
