namespace Firmware.Device.Tests.Simulation;

/// <summary>One file of the <see cref="SimulatedDisk"/>: its durable image and the writes not yet synced.</summary>
internal sealed class SimulatedFile
{
    private const int Sector = 512;

    public MemoryStream Current { get; } = new();

    public byte[] Durable { get; set; } = [];

    /// <summary>Writes (offset, bytes) and truncations (offset, null) since the last sync, in order.</summary>
    public List<(long Offset, byte[]? Data)> Pending { get; } = [];

    public void Sync()
    {
        Durable = Current.ToArray();
        Pending.Clear();
    }

    /// <summary>Rebuilds the file from its durable image plus a random subset of its unsynced writes.</summary>
    public void PowerCut(Random random)
    {
        var image = new MemoryStream();
        image.Write(Durable);
        foreach (var (offset, data) in Pending)
        {
            if (data is null)
            {
                if (random.Next(2) == 0)
                {
                    image.SetLength(offset);
                }

                continue;
            }

            var fate = random.Next(100);
            if (fate < 40)
            {
                continue; // dropped
            }

            var landed = data;
            if (fate < 55)
            {
                // Torn: only the first sectors reached the medium.
                landed = data[..Math.Min(data.Length, random.Next(data.Length / Sector + 1) * Sector)];
            }
            else if (fate < 65)
            {
                landed = new byte[data.Length];
                random.NextBytes(landed);
            }

            image.Position = offset;
            image.Write(landed);
        }

        Current.SetLength(0);
        Current.Write(image.ToArray());
        Sync();
    }
}
