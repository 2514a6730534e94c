using Firmware.Disk.Gpt;

namespace Firmware.Boards;

/// <summary>A board's partition table, in order.</summary>
/// <param name="SizeBytes">The disk size, or null to make the image just large enough.</param>
/// <param name="SectorSize">512 or 4096.</param>
/// <param name="Partitions">The partitions, in table order.</param>
public sealed record DiskLayout(long? SizeBytes, int SectorSize, IReadOnlyList<BoardPartition> Partitions)
{
    /// <summary>The partition that plays <paramref name="role"/>, or null.</summary>
    public BoardPartition? Find(PartitionRole role) => Partitions.FirstOrDefault(p => p.Role == role);

    /// <summary>The requests <see cref="GptLayoutPlanner"/> turns into a table. Both root slots are
    /// read-only; slot B is also no-auto, since a fresh image boots A.</summary>
    public IReadOnlyList<PartitionRequest> ToRequests() =>
        [.. Partitions.Select(p => new PartitionRequest(p.Name, p.Type, p.SizeBytes, p.Role switch
        {
            PartitionRole.RootA => GptAttributes.ReadOnly,
            PartitionRole.RootB => GptAttributes.ReadOnly | GptAttributes.NoAuto,
            PartitionRole.Data => GptAttributes.GrowFileSystem,
            _ => GptAttributes.None,
        }))];
}
