using Firmware.Boards;

namespace Firmware.Image.Build;

/// <summary>One partition of the planned disk.</summary>
/// <param name="Number">Its GPT number, from 1.</param>
/// <param name="Name">Its GPT name (PARTLABEL).</param>
/// <param name="Role">What it holds.</param>
/// <param name="Offset">Its first byte on the disk.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Contents">What the build writes there, for people.</param>
public sealed record PlannedPartition(int Number, string Name, PartitionRole Role, long Offset, long Size, string Contents);
