using Firmware.Device.Slots;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Updates;
using Firmware.Device.Updates.Checkpoints;
using LiteDB;
using Xunit.Abstractions;

namespace Firmware.Device.Tests.Updates;

/// <summary>
/// Why the checkpoint is written twice (docs/agent.md, "Power cuts and LiteDB"): a power cut in
/// the middle of a save, with unsynced pages dropped, torn or garbled, is thrown at a single LiteDB
/// file and at <see cref="CheckpointStore"/>. The single file is only measured (its losses are
/// printed); the store must come back with the last completed save or the one in flight, every time.
/// </summary>
[Trait("Category", "Property")]
public sealed class LiteDbPowerCutTests(ITestOutputHelper output)
{
    private const int Trials = 300;

    [Fact]
    public void A_power_cut_inside_a_save_leaves_the_previous_checkpoint_or_the_new_one()
    {
        var losses = new Dictionary<string, int>();
        for (var seed = 1; seed <= Trials; seed++)
        {
            var random = new Random(seed);
            var disk = new SimulatedDisk();
            var store = new CheckpointStore(disk);
            var saved = store.Load();
            var saves = 2 + random.Next(4);
            for (var i = 0; i < saves; i++)
            {
                saved = store.Save(Checkpoint(saved, i));
            }

            var start = disk.Operations;
            disk.InjectAt(start + 1 + random.Next(60), DiskFault.Crash);
            try
            {
                store.Save(Checkpoint(saved, saves));
            }
            catch (SimulatedCrash)
            {
            }

            disk.Restart(powerCut: true, random);
            disk.ClearFaults();
            var loaded = new CheckpointStore(disk).Load();
            Assert.True(loaded.Generation == saved.Generation || loaded.Generation == saved.Generation + 1, $"seed {seed}: generation {loaded.Generation} after {saved.Generation}");
            Assert.Equal(loaded.Generation == saved.Generation ? saved.Update : Checkpoint(saved, saves).Update, loaded.Update);
            if (SingleFileLoss(seed) is { } loss)
            {
                losses[loss] = losses.GetValueOrDefault(loss) + 1;
            }
        }

        output.WriteLine($"a single LiteDB file lost its last completed save in {losses.Values.Sum()} of {Trials} power cuts " +
                         $"({string.Join(", ", losses.Select(l => $"{l.Value} {l.Key}"))}); the double-written store in 0");
    }

    private static Checkpoint Checkpoint(Checkpoint previous, int step) => previous with
    {
        Update = new UpdateRecord
        {
            Id = "u", Source = "file:/b.fwb", Payload = "rootfs", State = (UpdateStateName)(step % 8), ActiveSlot = SlotName.A,
            Offered = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), StateEntries = step, Error = new string('x', 200 * step),
        },
    };

    /// <summary>The same power cut against one LiteDB file: how the last completed save was lost, or null when it was not.</summary>
    private static string? SingleFileLoss(int seed)
    {
        var random = new Random(seed);
        var disk = new SimulatedDisk();
        var saves = 2 + random.Next(4);
        for (var i = 0; i < saves; i++)
        {
            Upsert(disk, i);
        }

        disk.InjectAt(disk.Operations + 1 + random.Next(60), DiskFault.Crash);
        try
        {
            Upsert(disk, saves);
        }
        catch (Exception) when (disk.Crashed)
        {
        }

        disk.Restart(powerCut: true, random);
        disk.ClearFaults();
        try
        {
            using var data = disk.OpenWrite("single.db");
            using var log = disk.OpenWrite("single-log.db");
            using var database = new LiteDatabase(data, logStream: log);
            var document = database.GetCollection("c").FindById("x");
            return document is null ? "document gone"
                : document["step"].AsInt32 is var step && (step == saves - 1 || step == saves) ? null
                : $"older document (step {step})";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"{e.GetType().Name} on open or read";
        }
    }

    private static void Upsert(SimulatedDisk disk, int step)
    {
        using var data = disk.OpenWrite("single.db");
        using var log = disk.OpenWrite("single-log.db");
        using var database = new LiteDatabase(data, logStream: log);
        database.GetCollection("c").Upsert(new BsonDocument { ["_id"] = "x", ["step"] = step, ["pad"] = new string('x', 200 * step) });
    }
}
