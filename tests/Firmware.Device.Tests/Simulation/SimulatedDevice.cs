using System.Security.Cryptography;
using Firmware.Device.Boot;
using Firmware.Device.Health;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Updates;
using Firmware.Device.Updates.Checkpoints;
using Firmware.Fuzz;
using Firmware.Versioning;

namespace Firmware.Device.Tests.Simulation;

/// <summary>
/// A whole simulated device on one <see cref="SimulatedDisk"/>: slots A and B, the simulated
/// bootloader's state file and the LiteDB checkpoint all go through the disk's power-cut model.
/// Every power-on checks that the slot about to boot holds a complete signed image. With boot
/// partitions (a tryboot board), each slot is a group of a root and a boot partition, and a slot
/// boots only when both hold the same release: a new kernel over an old root is as bad as a
/// half-written root.
/// </summary>
internal sealed class SimulatedDevice
{
    public const int DefaultSlotSize = 64 * 1024;
    public const int BootSize = 16 * 1024;
    public const string SlotA = "slot-a.img";
    public const string SlotB = "slot-b.img";
    public const string BootA = "boot-a.img";
    public const string BootB = "boot-b.img";

    public SimulatedDevice(int seed = 1, int slotSize = DefaultSlotSize, bool bootPartitions = false)
    {
        SlotSize = slotSize;
        FactoryImage = TestBundles.Image(SlotSize, seed);
        Bootloader = new SimulatedBootloader(Disk, "boot/state");
        Bootloader.Initialize(SlotName.A);
        var rootA = Target(SlotA, FactoryImage, SlotName.A);
        var rootB = Target(SlotB, new byte[SlotSize], SlotName.B);
        if (bootPartitions)
        {
            FactoryBoot = TestBundles.Image(BootSize, seed + 1);
            Slots = new SlotPair(
                new SlotGroup(rootA, Target(BootA, FactoryBoot, SlotName.A)),
                new SlotGroup(rootB, Target(BootB, new byte[BootSize], SlotName.B)));
        }
        else
        {
            Slots = new SlotPair(rootA, rootB);
        }

        FactoryDigest = SHA256.HashData(FactoryImage);
        Reporter.BeforeDelivery = ThrowIfDead;
        PowerOn();
    }

    public int SlotSize { get; }

    /// <summary>Slot A's boot partition as flashed, on a device with boot partitions.</summary>
    public byte[]? FactoryBoot { get; }

    /// <summary>The boot-b payload of the bundle being installed.</summary>
    public byte[]? NewBoot { get; set; }

    public SimulatedDisk Disk { get; } = new();

    public SimulatedBootloader Bootloader { get; }

    public SlotPair Slots { get; }

    public byte[] FactoryImage { get; }

    public byte[] FactoryDigest { get; }

    /// <summary>The payload of the bundle being installed: the only other content a slot may boot with.</summary>
    public byte[]? NewImage { get; set; }

    public SlotName Booted { get; private set; }

    /// <summary>Every power-on, with the slot booted.</summary>
    public List<SlotName> Boots { get; } = [];

    /// <summary>Problems found at power-on: a slot booted with content no signed manifest describes.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>The new slot's system crashes at every boot before the agent runs (a kernel panic, a bad init).</summary>
    public bool NewSlotCrashes { get; set; }

    public Func<HealthVerdict> Health { get; set; } = () => new HealthVerdict([new HealthCheckResult("services", true, "all running")]);

    public RecordingReporter Reporter { get; } = new();

    public int RebootRequests { get; private set; }

    public UpdateEngineOptions Options { get; set; } = new()
    {
        Board = FuzzKeys.Board,
        Trust = FuzzKeys.Trust,
        InstalledVersion = FirmwareVersion.Parse("1.0.0"),
        RetryDelay = TimeSpan.Zero,
    };

    public UpdateEngine Engine() => new(new UpdateDevice
    {
        Storage = Disk,
        Checkpoints = new CheckpointStore(Disk),
        Slots = Slots,
        Boot = Bootloader,
        Booted = Booted,
        Health = new DelegateHealthGate(() => Health()),
        Reboot = new DelegateReboot(() =>
        {
            ThrowIfDead();
            RebootRequests++;
        }),
        Reporter = Reporter,
        Sources = new BundleSources(new HttpClient()),
        Clock = new FixedClock(FuzzKeys.Now),
    }, Options);

    /// <summary>The firmware powers on: picks a slot (counting trial tries down) and checks what it is about to boot.</summary>
    public SlotName PowerOn()
    {
        Booted = Bootloader.PowerOn();
        Boots.Add(Booted);
        var content = Disk.Content(Booted == SlotName.A ? SlotA : SlotB);
        if (!SHA256.HashData(Disk.Content(SlotA)).AsSpan().SequenceEqual(FactoryDigest) || FactoryBoot is { } flashed && !Disk.Content(BootA).AsSpan().SequenceEqual(flashed))
        {
            Violations.Add($"boot {Boots.Count}: the active slot A changed");
        }

        var boot = FactoryBoot is null ? null : Disk.Content(Booted == SlotName.A ? BootA : BootB);
        var matchesNew = NewImage is { } image && content.AsSpan().StartsWith(image)
                         && (boot is null || NewBoot is { } newBoot && boot.AsSpan().StartsWith(newBoot));
        var matchesFactory = content.AsSpan().SequenceEqual(FactoryImage) && (boot is null || boot.AsSpan().SequenceEqual(FactoryBoot));
        if (!matchesNew && !matchesFactory)
        {
            Violations.Add($"boot {Boots.Count}: slot {Booted} booted with content that no signed manifest describes");
        }

        return Booted;
    }

    /// <summary>
    /// A killed process does nothing more. The disk refuses every operation after a crash; this
    /// makes the agent's other ways out (reports, reboot requests) refuse too, even when the engine
    /// has caught the crash as the failure of what it was doing (reading a checkpoint copy it then
    /// treats as torn, say), which a real kill never lets it do.
    /// </summary>
    private void ThrowIfDead()
    {
        if (Disk.Crashed)
        {
            throw new SimulatedCrash("the process is dead");
        }
    }

    private StorageSlot Target(string name, byte[] content, SlotName slot)
    {
        Disk.Put(name, content);
        Disk.Limit(name, content.Length);
        return new StorageSlot(Disk, name, slot, content.Length);
    }

    /// <summary>Powers on until a system comes up that runs the agent (the new slot may crash at every boot).</summary>
    public void BootUntilAgentRuns()
    {
        PowerOn();
        for (var i = 0; i < 10 && NewSlotCrashes && Booted == SlotName.B && Disk.Content(SlotB).AsSpan().StartsWith(NewImage ?? []); i++)
        {
            PowerOn();
        }
    }
}
