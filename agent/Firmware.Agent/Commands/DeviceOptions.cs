using System.CommandLine;
using Firmware.Cli;
using Firmware.Device.Boot;
using Firmware.Device.Config;
using Firmware.Device.Health;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Storage;
using Firmware.Device.Updates;
using Firmware.Device.Updates.Checkpoints;

namespace Firmware.Agent.Commands;

/// <summary>
/// The device description every update command takes: data directory, slots, bootloader backend,
/// trust, board and the booted slot. (agent.yml will carry these once the daemon reads it.)
/// </summary>
internal sealed class DeviceOptions
{
    private readonly Option<string> _data = new("--data") { Description = "The data directory (checkpoint, staged bundles, outcome journal).", DefaultValueFactory = _ => "/var/lib/fwagent" };
    private readonly Option<string?> _slotA = new("--slot-a") { Description = "Slot A: a block device or an image file." };
    private readonly Option<string?> _slotB = new("--slot-b") { Description = "Slot B: a block device or an image file." };
    private readonly Option<string> _boot = new("--boot") { Description = "The bootloader backend: grub:GRUBENV, uboot:FW_ENV_CONFIG or simulated:STATE-FILE.", Required = true };
    private readonly Option<string?> _trust = new("--trust") { Description = "The device's trust file." };
    private readonly Option<string?> _board = new("--board") { Description = "This board's compatible string." };
    private readonly Option<string?> _installed = new("--installed-version") { Description = "The version the device was flashed with (until an update commits)." };
    private readonly Option<string?> _booted = new("--booted") { Description = "The slot that booted (A or B); read from fw.slot= on /proc/cmdline when omitted." };
    private readonly Option<int> _tries = new("--tries") { Description = "Boot tries of a trial before the bootloader falls back.", DefaultValueFactory = _ => 3 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _data, _slotA, _slotB, _boot, _trust, _board, _installed, _booted, _tries })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Builds the engine for the device the options describe.</summary>
    public UpdateEngine Engine(ParseResult result, IHealthGate health, IReboot reboot, HttpClient http, TimeProvider clock)
    {
        var storage = new DirectoryStorage(result.GetValue(_data)!);
        var boot = Bootloader(result.GetValue(_boot)!, storage, reboot);
        var device = new UpdateDevice
        {
            Storage = storage,
            Checkpoints = new CheckpointStore(storage),
            Slots = new SlotPair(Slot(result, _slotA, SlotName.A, storage), Slot(result, _slotB, SlotName.B, storage)),
            Boot = boot,
            Booted = Booted(result.GetValue(_booted)),
            Health = health,
            Reboot = reboot,
            Reporter = new JournalReporter(storage),
            Sources = new BundleSources(http),
            Clock = clock,
        };
        var options = new UpdateEngineOptions
        {
            Board = result.GetValue(_board) ?? throw new UsageException("--board is required"),
            Trust = KeyFiles.ReadTrust(result.GetValue(_trust) ?? throw new UsageException("--trust is required")),
            InstalledVersion = result.GetValue(_installed) is { } v ? ArgumentParsers.Version(v, "--installed-version") : null,
            TrialTries = result.GetValue(_tries),
        };
        return new UpdateEngine(device, options);
    }

    /// <summary>
    /// The bootloader backend named by <c>--boot NAME:PATH</c>, made as agent.yml's backend would be
    /// (<see cref="BootBackends"/>; tryboot needs the agent configuration).
    /// </summary>
    private static IBootControl Bootloader(string spec, DirectoryStorage storage, IReboot reboot)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var (name, argument) = colon < 0 ? (spec, "") : (spec[..colon], spec[(colon + 1)..]);
        var path = argument.Length == 0 ? null : Path.GetFullPath(argument);
        BootBackendConfig? config = (name, path) switch
        {
            (_, null) => null,
            ("grub", _) => new GrubBootConfig(path),
            ("uboot", _) => new UBootBootConfig(path),
            ("simulated", _) => new SimulatedBootConfig(path),
            _ => null,
        };
        return config is null
            ? throw new UsageException($"--boot '{spec}': expected grub:GRUBENV, uboot:FW_ENV_CONFIG or simulated:STATE-FILE")
            : BootBackends.Create(config, reboot, storage);
    }

    private static StorageSlot Slot(ParseResult result, Option<string?> option, SlotName slot, DirectoryStorage storage)
    {
        var path = result.GetValue(option) ?? throw new UsageException($"{option.Name} is required");
        return new StorageSlot(storage, Path.GetFullPath(path), slot, SlotCapacity.Of(path));
    }

    private static SlotName Booted(string? option)
    {
        if (option is not null)
        {
            return SlotNames.TryParse(option, out var slot) ? slot : throw new UsageException($"--booted '{option}': expected A or B");
        }

        var commandLine = File.Exists("/proc/cmdline") ? File.ReadAllText("/proc/cmdline") : "";
        var argument = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(a => a.StartsWith("fw.slot=", StringComparison.Ordinal));
        return argument is not null && SlotNames.TryParse(argument.AsSpan("fw.slot=".Length), out var booted)
            ? booted
            : throw new UsageException("cannot tell which slot booted: /proc/cmdline has no fw.slot=A|B; pass --booted");
    }
}
