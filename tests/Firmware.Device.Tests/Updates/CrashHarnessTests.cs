using Firmware.Device.Tests.Simulation;
using Xunit.Abstractions;

namespace Firmware.Device.Tests.Updates;

/// <summary>
/// The crash and power-cut harness (docs/agent.md, "Crash and power-cut harness"): the engine is
/// killed at every step boundary and at random I/O operations, the device loses or garbles
/// unsynced writes to the slots, the bootloader's state file and LiteDB's files, and in every trial
/// the device boots only complete signed images, the old slot never changes, the update ends, and
/// its outcome is reported exactly once. Each runs on both slot layouts: a root per slot (GRUB,
/// U-Boot boards), and a root plus a boot partition per slot (tryboot boards), where a slot boots
/// only when both of its targets hold the same release.
/// </summary>
public sealed class CrashHarnessTests(ITestOutputHelper output, CrashHarnessTests.Bundle bundle) : IClassFixture<CrashHarnessTests.Bundle>
{
    public const int RandomTrials = 1000;

    /// <summary>The bundle every trial installs, written once.</summary>
    public sealed class Bundle : IDisposable
    {
        private readonly ScratchDirectory _scratch = new();

        public Bundle()
        {
            NewImage = TestBundles.Image(40_000, 4242);
            NewBoot = TestBundles.Image(12_000, 4343);
            Path = _scratch.Of("update.fwb");
            File.WriteAllBytes(Path, TestBundles.Bundle(NewImage));
            PathWithBootPartitions = _scratch.Of("update-tryboot.fwb");
            File.WriteAllBytes(PathWithBootPartitions, TestBundles.Bundle([("rootfs", NewImage), ("boot-a", TestBundles.Image(12_000, 4444)), ("boot-b", NewBoot)]));
        }

        public byte[] NewImage { get; }

        /// <summary>The boot-b payload of the bundle for devices with boot partitions.</summary>
        public byte[] NewBoot { get; }

        public string Path { get; }

        /// <summary>The bundle with payloads rootfs, boot-a and boot-b.</summary>
        public string PathWithBootPartitions { get; }

        public void Dispose() => _scratch.Dispose();
    }

    private CrashTrial Trial(bool bootPartitions, int seed, bool? powerCuts = null, bool unhealthy = false, bool newSlotCrashes = false) => new()
    {
        Seed = seed,
        BundlePath = bootPartitions ? bundle.PathWithBootPartitions : bundle.Path,
        NewImage = bundle.NewImage,
        NewBoot = bootPartitions ? bundle.NewBoot : null,
        PowerCuts = powerCuts,
        Unhealthy = unhealthy,
        NewSlotCrashes = newSlotCrashes,
    };

    /// <summary>A fault-free run: how many I/O operations an update takes, and the syncs of the checkpoint's files.</summary>
    private async Task<(long Operations, List<long> CheckpointSyncs)> CleanRunAsync(bool bootPartitions)
    {
        var trial = Trial(bootPartitions, 0);
        Assert.Null(await trial.RunAsync());
        return (trial.Device!.Disk.Operations, trial.Device.Disk.WatchedSyncs);
    }

    [Theory]
    [Trait("Category", "Property")]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task A_crash_at_every_step_boundary_is_resumed_to_a_commit(bool powerCut, bool bootPartitions)
    {
        // Every checkpoint save ends with syncs of its LiteDB files: the operation after each sync
        // is a step boundary (and the ones in between are points inside a save).
        var (_, syncs) = await CleanRunAsync(bootPartitions);
        Assert.True(syncs.Count >= 20, $"only {syncs.Count} checkpoint syncs");
        var failures = new List<string>();
        foreach (var sync in syncs)
        {
            var trial = Trial(bootPartitions, (int)sync, powerCuts: powerCut);
            trial.Faults.Add((sync + 1, DiskFault.Crash));
            if (await trial.RunAsync() is { } failure)
            {
                failures.Add($"{trial}: {failure}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        output.WriteLine($"{syncs.Count} step boundaries, each crashed {(powerCut ? "by a power cut" : "by a kill")}{(bootPartitions ? ", slots with boot partitions" : "")}");
    }

    [Theory]
    [Trait("Category", "Property")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Randomized_crashes_power_cuts_and_io_faults_never_boot_a_half_written_slot(bool bootPartitions)
    {
        var (operations, _) = await CleanRunAsync(bootPartitions);
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        // FW_HARNESS_SEED=N replays one trial (the failure message names its seed).
        var only = int.TryParse(Environment.GetEnvironmentVariable("FW_HARNESS_SEED"), out var replay) ? replay : (int?)null;
        for (var seed = only ?? 1; seed <= (only ?? RandomTrials); seed++)
        {
            var random = new Random(seed * 7919);
            var trial = Trial(bootPartitions, seed, unhealthy: random.Next(10) == 0, newSlotCrashes: random.Next(10) == 0);
            var faults = 1 + random.Next(3);
            for (var i = 0; i < faults; i++)
            {
                var kind = random.Next(10) switch
                {
                    < 8 => DiskFault.Crash,
                    8 => DiskFault.IoError,
                    _ => random.Next(2) == 0 ? DiskFault.NoSpace : DiskFault.SyncFailure,
                };
                trial.Faults.Add((1 + random.NextInt64(operations + (operations / 10)), kind));
            }

            var failure = await trial.RunAsync();
            if (failure is not null)
            {
                failures.Add($"{trial}: {failure}");
            }

            var key = trial.Device!.Reporter.Received is [var first, ..] ? first.Outcome.ToString() : "none";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }

        output.WriteLine($"{RandomTrials} trials{(bootPartitions ? " on slots with boot partitions" : "")} over {operations} I/O operations per clean update; outcomes: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {RandomTrials} trials failed; replay one with FW_HARNESS_SEED=SEED:\n{string.Join("\n", failures.Take(20))}");
    }
}
