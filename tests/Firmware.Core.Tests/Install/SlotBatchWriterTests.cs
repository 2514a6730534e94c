using Firmware.Install;

namespace Firmware.Core.Tests.Install;

/// <summary>Batched writes put every byte where its offset says, whatever the batch boundaries.</summary>
[Trait("Category", "Unit")]
public sealed class SlotBatchWriterTests
{
    [Fact]
    public async Task Consecutive_gapped_and_oversized_writes_land_at_their_offsets()
    {
        var expected = new byte[200];
        using var slot = new MemoryStream(new byte[200]);
        var writer = new SlotBatchWriter(slot, batchSize: 16);
        var pieces = new (int Offset, int Length)[] { (0, 5), (5, 7), (12, 9), (40, 3), (43, 40), (100, 16), (150, 1) };
        var value = (byte)1;
        foreach (var (offset, length) in pieces)
        {
            var data = Enumerable.Range(0, length).Select(_ => value++).ToArray();
            data.CopyTo(expected, offset);
            await writer.AddAsync(offset, data, CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);

        Assert.Equal(expected, slot.ToArray());
    }

    [Fact]
    public async Task A_failed_write_is_reported_when_the_writer_completes()
    {
        var writer = new SlotBatchWriter(new MemoryStream(new byte[8], writable: false), batchSize: 16);
        await writer.AddAsync(0, new byte[4], CancellationToken.None);

        await Assert.ThrowsAsync<NotSupportedException>(() => writer.CompleteAsync(CancellationToken.None));
    }
}
