using Firmware.Device.Health;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Updates;

namespace Firmware.Device.Tests.Simulation;

/// <summary>
/// One run of the crash and power-cut harness: a device offered one bundle, faults injected at
/// given I/O operations, and the agent restarted (after a kill) or the device powered on again
/// (after a power cut) until the update is over. Then the invariants are checked.
/// </summary>
internal sealed class CrashTrial
{
    public const string UpdateId = "update-1";
    private const int MaxRounds = 80;

    public required int Seed { get; init; }

    public required string BundlePath { get; init; }

    public required byte[] NewImage { get; init; }

    /// <summary>The bundle's boot-b payload, on a device whose slots have boot partitions; null on one without.</summary>
    public byte[]? NewBoot { get; init; }

    /// <summary>Faults by I/O operation number.</summary>
    public List<(long Operation, DiskFault Fault)> Faults { get; } = [];

    /// <summary>When set, every crash is (true) or is not (false) a power cut; otherwise the seed decides.</summary>
    public bool? PowerCuts { get; init; }

    public bool Unhealthy { get; init; }

    public bool NewSlotCrashes { get; init; }

    public int Crashes { get; private set; }

    public int PowerCutCount { get; private set; }

    public int AgentErrors { get; private set; }

    public SimulatedDevice? Device { get; private set; }

    /// <summary>Runs the trial; returns what went wrong, or null when every invariant held.</summary>
    public async Task<string?> RunAsync()
    {
        var random = new Random(Seed);
        var device = new SimulatedDevice(Seed, bootPartitions: NewBoot is not null) { NewImage = NewImage, NewBoot = NewBoot, NewSlotCrashes = NewSlotCrashes };
        Device = device;
        device.Disk.WatchPrefix = "checkpoint";
        if (Unhealthy)
        {
            device.Health = () => new HealthVerdict([new HealthCheckResult("services", false, "heartbeat not running")]);
        }

        foreach (var (operation, fault) in Faults)
        {
            device.Disk.InjectAt(operation, fault);
        }

        var source = new FileBundleSource(BundlePath);
        var finished = false;
        for (var round = 0; round < MaxRounds && !finished; round++)
        {
            try
            {
                var engine = device.Engine();
                if (engine.Checkpoint.Update is null)
                {
                    engine.Offer(source, UpdateId);
                }

                var stop = await engine.RunAsync();
                if (device.Disk.Crashed)
                {
                    // The engine caught the kill as an error of its own and went on: the process
                    // died at that point all the same, and nothing it did after counts.
                    throw new SimulatedCrash("the process was killed during this run");
                }

                if (stop == EngineStop.Idle)
                {
                    finished = true;
                }
                else
                {
                    Boot(device, random);
                }
            }
            catch (Exception) when (device.Disk.Crashed)
            {
                Crashes++;
                var cut = PowerCuts ?? random.Next(2) == 0;
                device.Disk.Restart(cut, random);
                if (cut)
                {
                    PowerCutCount++;
                    Boot(device, random);
                }
            }
            catch (Exception e) when (e is IOException or Firmware.Device.Boot.BootControlException)
            {
                // An injected I/O error hit the checkpoint or the bootloader outside any step: the agent
                // exits with an error and its supervisor starts it again.
                AgentErrors++;
            }
        }

        return finished ? Check(device) : $"the update did not finish in {MaxRounds} rounds";
    }

    /// <summary>Powers the device on; a fault that hits the bootloader's own state write is a power cut during boot.</summary>
    private void Boot(SimulatedDevice device, Random random)
    {
        while (true)
        {
            try
            {
                device.BootUntilAgentRuns();
                return;
            }
            catch (SimulatedCrash)
            {
                Crashes++;
                PowerCutCount++;
                device.Disk.Restart(powerCut: true, random);
            }
        }
    }

    private string? Check(SimulatedDevice device)
    {
        device.Disk.ClearFaults();
        var checkpoint = device.Engine().Checkpoint;
        if (checkpoint.Update is not { Id: UpdateId, Finished: true } update)
        {
            return $"the checkpoint does not hold the finished update: {checkpoint.Update}";
        }

        var deliveries = device.Reporter.Deliveries.Where(d => d.Id == UpdateId).ToList();
        if (deliveries.Count == 0 || deliveries.Select(d => d.Outcome).Distinct().Count() != 1 || device.Reporter.Received.Count != 1)
        {
            return $"the outcome was not reported exactly once: {string.Join(", ", device.Reporter.Deliveries.Select(d => $"{d.Id}:{d.Outcome}"))}";
        }

        if (!checkpoint.Outbox.Any(entry => entry.Id == UpdateId && entry.Acknowledged))
        {
            return "the outcome is not acknowledged in the outbox";
        }

        var outcome = deliveries[0].Outcome;
        var booted = device.PowerOn();
        var expected = outcome == UpdateOutcome.Committed ? SlotName.B : SlotName.A;
        if (booted != expected)
        {
            return $"outcome {outcome} but the device boots slot {booted}";
        }

        if (device.Violations.Count > 0)
        {
            return string.Join("; ", device.Violations);
        }

        var cleanFaults = Faults.All(f => f.Fault == DiskFault.Crash);
        var healthy = !Unhealthy && !NewSlotCrashes;
        if (healthy && cleanFaults && PowerCutCount < device.Options.TrialTries && outcome != UpdateOutcome.Committed)
        {
            return $"only crashes were injected, yet the update ended {outcome}: {update.ErrorCode} {update.Error}";
        }

        if (!healthy && outcome == UpdateOutcome.Committed)
        {
            return "a trial that cannot pass was committed";
        }

        return null;
    }

    public override string ToString() =>
        $"seed {Seed}{(NewBoot is null ? "" : " (boot partitions)")}: faults [{string.Join(", ", Faults.Select(f => $"{f.Fault}@{f.Operation}"))}], unhealthy {Unhealthy}, new slot crashes {NewSlotCrashes}; " +
        $"{Crashes} crashes ({PowerCutCount} power cuts), {AgentErrors} agent errors, boots [{string.Join("", Device?.Boots ?? [])}]";
}
