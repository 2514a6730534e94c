using System.Text.RegularExpressions;
using Firmware.Boards.Yaml;
using Firmware.Disk.Gpt;
using Firmware.Yaml;

namespace Firmware.Boards;

// The semantic stage: required keys, defaults, ranges, and an A/B layout the image build and the
// agent can rely on (one ESP, two root slots of one size, boot partitions in pairs).
public static partial class BoardReader
{
    private const int DefaultTries = 3;
    private const int MaxTries = 10;
    private const int DefaultQemuMemoryMiB = 512;

    private static Board Validate(YamlDocument<BoardYaml> document)
    {
        var board = document.Value;
        var name = Required(document, board, board.Name, "name", "the board's name, as its directory under boards/");
        if (!BoardName().IsMatch(name))
        {
            throw document.Invalid(board, "name", $"'{name}' must be lowercase letters, digits, '.', '_' or '-'");
        }

        var architecture = Required(document, board, board.Architecture, "architecture", "amd64 or arm64");
        if (architecture is not ("amd64" or "arm64"))
        {
            throw document.Invalid(board, "architecture", $"'{architecture}' is not amd64 or arm64");
        }

        var bootloader = BootloaderOf(document, board.Bootloader ?? throw document.Missing(board, "bootloader", "is required: backend and environment"));
        var disk = DiskOf(document, board.Disk ?? throw document.Missing(board, "disk", "is required: the partition table"), architecture, bootloader.Backend);
        var kernel = board.Kernel ?? throw document.Missing(board, "kernel", "is required: at least the console");
        return new Board
        {
            Name = name,
            Description = board.Description ?? "",
            Architecture = architecture,
            Compatible = Required(document, board, board.Compatible, "compatible", "the string bundles for this board list"),
            Bootloader = bootloader,
            Disk = disk,
            Kernel = new KernelSettings(kernel.Cmdline ?? "", Required(document, kernel, kernel.Console, "kernel.console", "the console device, such as ttyS0"), kernel.Modules ?? []),
            StatusLed = board.StatusLed is { } led ? LedOf(document, led) : null,
            Watchdog = board.Watchdog is { } watchdog
                ? watchdog.StartsWith("/dev/", StringComparison.Ordinal) ? watchdog : throw document.Invalid(board, "watchdog", $"'{watchdog}' is not a device under /dev")
                : null,
            Qemu = board.Qemu is { } qemu ? QemuOf(document, qemu, architecture) : null,
            Source = document.Source,
        };
    }

    private static BootloaderSettings BootloaderOf(YamlDocument<BoardYaml> document, BootloaderYaml bootloader)
    {
        var backend = Required(document, bootloader, bootloader.Backend, "bootloader.backend", "grub, uboot or tryboot") switch
        {
            "grub" => BootloaderBackend.Grub,
            "uboot" => BootloaderBackend.UBoot,
            "tryboot" => BootloaderBackend.Tryboot,
            var other => throw document.Invalid(bootloader, "bootloader.backend", $"'{other}' is not grub, uboot or tryboot"),
        };
        var environment = Required(document, bootloader, bootloader.Environment, "bootloader.environment", "where the A/B state lives on the device");
        if (!environment.StartsWith('/'))
        {
            throw document.Invalid(bootloader, "bootloader.environment", $"'{environment}' is not an absolute path");
        }

        // The Raspberry Pi firmware boots a tryboot partition exactly once; more tries cannot be had.
        var tries = bootloader.Tries ?? (backend == BootloaderBackend.Tryboot ? 1 : DefaultTries);
        if (tries < 1 || tries > MaxTries || (backend == BootloaderBackend.Tryboot && tries != 1))
        {
            throw document.Invalid(bootloader, "bootloader.tries", backend == BootloaderBackend.Tryboot
                ? "tryboot boots a trial slot exactly once: tries must be 1"
                : $"{tries} is outside 1..{MaxTries}");
        }

        return new BootloaderSettings(backend, environment, tries);
    }

    private static DiskLayout DiskOf(YamlDocument<BoardYaml> document, DiskYaml disk, string architecture, BootloaderBackend backend)
    {
        long? size = disk.Size is { } text ? Size(document, disk, text, "disk.size") : null;
        var sectorSize = disk.SectorSize ?? 512;
        if (sectorSize is not (512 or 4096))
        {
            throw document.Invalid(disk, "disk.sector-size", $"{sectorSize} is not 512 or 4096");
        }

        var entries = disk.Partitions is { Count: > 0 } list ? list : throw document.Missing(disk, "disk.partitions", "is required: at least esp, root-a and root-b");
        var partitions = new List<BoardPartition>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            partitions.Add(PartitionOf(document, entries[i], $"disk.partitions[{i}]", architecture, last: i == entries.Count - 1, diskSized: size is not null));
        }

        CheckRoles(document, disk, partitions, backend);
        return new DiskLayout(size, sectorSize, partitions);
    }

    private static BoardPartition PartitionOf(YamlDocument<BoardYaml> document, PartitionYaml partition, string key, string architecture, bool last, bool diskSized)
    {
        var name = Required(document, partition, partition.Name, $"{key}.name", "the partition's GPT name");
        if (name.Length > GptPartition.MaxNameLength)
        {
            throw document.Invalid(partition, $"{key}.name", $"'{name}' is longer than the {GptPartition.MaxNameLength} characters a GPT name holds");
        }

        var role = Required(document, partition, partition.Role, $"{key}.role", "esp, boot-a, boot-b, root-a, root-b or data") switch
        {
            "esp" => PartitionRole.Esp,
            "boot-a" => PartitionRole.BootA,
            "boot-b" => PartitionRole.BootB,
            "root-a" => PartitionRole.RootA,
            "root-b" => PartitionRole.RootB,
            "data" => PartitionRole.Data,
            var other => throw document.Invalid(partition, $"{key}.role", $"'{other}' is not esp, boot-a, boot-b, root-a, root-b or data"),
        };
        long? size = partition.Size is { } text ? Size(document, partition, text, $"{key}.size")
            : last && diskSized ? null
            : throw document.Missing(partition, $"{key}.size", last ? "is required unless disk.size is given" : "is required: only the last partition may take the rest of the disk");
        return new BoardPartition(name, role, size, TypeOf(document, partition, key, role, architecture));
    }

    private static Guid TypeOf(YamlDocument<BoardYaml> document, PartitionYaml partition, string key, PartitionRole role, string architecture) => partition.Type switch
    {
        null => role switch
        {
            PartitionRole.Esp => GptPartitionTypes.EfiSystem,
            PartitionRole.RootA or PartitionRole.RootB => GptPartitionTypes.RootFor(architecture),
            PartitionRole.BootA or PartitionRole.BootB => GptPartitionTypes.ExtendedBoot,
            _ => GptPartitionTypes.LinuxData,
        },
        "esp" => GptPartitionTypes.EfiSystem,
        "root" => GptPartitionTypes.RootFor(architecture),
        "xbootldr" => GptPartitionTypes.ExtendedBoot,
        "linux-data" => GptPartitionTypes.LinuxData,
        "basic-data" => GptPartitionTypes.BasicData,
        var text when Guid.TryParseExact(text, "D", out var guid) && guid != Guid.Empty => guid,
        var text => throw document.Invalid(partition, $"{key}.type", $"'{text}' is not esp, root, xbootldr, linux-data, basic-data or a GUID"),
    };

    private static void CheckRoles(YamlDocument<BoardYaml> document, DiskYaml disk, List<BoardPartition> partitions, BootloaderBackend backend)
    {
        var names = partitions.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (names is not null)
        {
            throw document.Invalid(disk, "disk.partitions", $"two partitions are named '{names.Key}'");
        }

        int Count(PartitionRole role) => partitions.Count(p => p.Role == role);
        foreach (var (role, spelled) in new[] { (PartitionRole.Esp, "esp"), (PartitionRole.RootA, "root-a"), (PartitionRole.RootB, "root-b") })
        {
            if (Count(role) != 1)
            {
                throw document.Invalid(disk, "disk.partitions", $"needs exactly one partition with role {spelled}, not {Count(role)}");
            }
        }

        if (Count(PartitionRole.BootA) != Count(PartitionRole.BootB) || Count(PartitionRole.BootA) > 1 || Count(PartitionRole.Data) > 1)
        {
            throw document.Invalid(disk, "disk.partitions", "boot-a and boot-b come as one pair or not at all, and there is at most one data partition");
        }

        if (backend == BootloaderBackend.Tryboot && Count(PartitionRole.BootA) == 0)
        {
            throw document.Invalid(disk, "disk.partitions", "tryboot boards need boot-a and boot-b: the Raspberry Pi firmware reads kernels only from FAT");
        }

        // An update must fit whichever slot is inactive, so the slots of a pair are the same size.
        foreach (var (a, b) in new[] { (PartitionRole.RootA, PartitionRole.RootB), (PartitionRole.BootA, PartitionRole.BootB) })
        {
            if (partitions.FirstOrDefault(p => p.Role == a) is { } first && partitions.First(p => p.Role == b) is var second && first.SizeBytes != second.SizeBytes)
            {
                throw document.Invalid(disk, "disk.partitions", $"'{first.Name}' and '{second.Name}' are A/B slots and must have the same size");
            }
        }
    }

    private static StatusLed LedOf(YamlDocument<BoardYaml> document, StatusLedYaml led)
    {
        var line = led.Line ?? throw document.Missing(led, "status-led.line", "is required: the LED's line offset");
        return led.Active switch
        {
            null or "high" => new StatusLed(led.Chip ?? 0, line, ActiveLow: false),
            "low" => new StatusLed(led.Chip ?? 0, line, ActiveLow: true),
            var other => throw document.Invalid(led, "status-led.active", $"'{other}' is not high or low"),
        };
    }

    private static QemuSettings QemuOf(YamlDocument<BoardYaml> document, QemuYaml qemu, string architecture)
    {
        var firmware = qemu.Firmware ?? (architecture == "amd64" ? "ovmf" : "aavmf");
        if (firmware != (architecture == "amd64" ? "ovmf" : "aavmf"))
        {
            throw document.Invalid(qemu, "qemu.firmware", $"'{firmware}' does not boot {architecture}: use {(architecture == "amd64" ? "ovmf" : "aavmf")}");
        }

        var memory = qemu.Memory is { } text ? Size(document, qemu, text, "qemu.memory") : (long)DefaultQemuMemoryMiB << 20;
        return new QemuSettings(
            Required(document, qemu, qemu.Machine, "qemu.machine", "such as q35 or virt"),
            Required(document, qemu, qemu.Cpu, "qemu.cpu", "such as max or cortex-a57"),
            (int)Math.Min(memory >> 20, int.MaxValue),
            firmware);
    }

    private static long Size(YamlDocument<BoardYaml> document, object node, string text, string key) =>
        ByteSizes.TryParse(text, out var bytes) && bytes > 0 ? bytes : throw document.Invalid(node, key, $"'{text}' is not a size such as 256M or 2G");

    private static string Required(YamlDocument<BoardYaml> document, object node, string? value, string key, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw document.Missing(node, key, $"is required: {what}") : value;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex BoardName();
}
