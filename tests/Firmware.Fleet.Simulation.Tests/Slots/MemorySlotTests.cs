using Firmware.Fleet.Simulation.Slots;

namespace Firmware.Fleet.Simulation.Tests.Slots;

/// <summary>Memory slots read back exactly what was written, however the writes fall on blocks, and identical blocks are stored once.</summary>
[Trait("Category", "Unit")]
public sealed class MemorySlotTests
{
    private const long Capacity = 1L << 20;

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void Write(SlotBlocks blocks, long offset, byte[] bytes, int piece)
    {
        using var stream = new MemorySlotStream(blocks, writable: true) { Position = offset };
        for (var at = 0; at < bytes.Length; at += piece)
        {
            stream.Write(bytes, at, Math.Min(piece, bytes.Length - at));
        }

        stream.Flush();
    }

    private static byte[] Read(SlotBlocks blocks, long offset, int length)
    {
        using var stream = new MemorySlotStream(blocks, writable: false) { Position = offset };
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 4096)]
    [InlineData(1000, 7919)]
    [InlineData(65535, 65536)]
    [InlineData(3, 300_000)]
    public void Writes_of_any_size_and_alignment_read_back_exactly_and_the_rest_reads_as_zeros(int offset, int piece)
    {
        var pool = new BlockPool();
        using var blocks = new SlotBlocks(pool, Capacity);
        var payload = Random(200_000, offset + piece);
        Write(blocks, offset, payload, piece);

        Assert.Equal(payload, Read(blocks, offset, payload.Length));
        Assert.All(Read(blocks, 0, offset), b => Assert.Equal(0, b));
        Assert.All(Read(blocks, offset + payload.Length, 100_000), b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_same_content_in_many_slots_is_stored_once_and_freed_when_overwritten()
    {
        var pool = new BlockPool();
        var image = Random(4 * BlockPool.BlockSize, 1);
        var slots = Enumerable.Range(0, 100).Select(_ => new SlotBlocks(pool, Capacity)).ToList();
        slots.ForEach(slot => Write(slot, 0, image, 8192));
        Assert.Equal(4, pool.Blocks);
        Assert.All(slots, slot => Assert.Equal(image, Read(slot, 0, image.Length)));

        // One slot gets another image: its old blocks stay for the other 99, its new ones are added.
        var other = Random(4 * BlockPool.BlockSize, 2);
        Write(slots[0], 0, other, BlockPool.BlockSize);
        Assert.Equal(8, pool.Blocks);
        Assert.Equal(other, Read(slots[0], 0, other.Length));
        Assert.Equal(image, Read(slots[1], 0, image.Length));

        slots.ForEach(slot => slot.Dispose());
        Assert.Equal(0, pool.Blocks);
    }

    [Fact]
    public void A_write_past_the_end_is_refused_and_reading_stops_at_the_end()
    {
        using var blocks = new SlotBlocks(new BlockPool(), Capacity);
        using (var stream = new MemorySlotStream(blocks, writable: true) { Position = Capacity - 10 })
        {
            Assert.Throws<IOException>(() => stream.Write(new byte[11]));
        }

        using var reader = new MemorySlotStream(blocks, writable: false) { Position = Capacity - 10 };
        Assert.Equal(10, reader.Read(new byte[100]));
        Assert.Equal(0, reader.Read(new byte[100]));
    }
}
