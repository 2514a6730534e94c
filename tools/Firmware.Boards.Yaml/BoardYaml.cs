using YamlDotNet.Serialization;

namespace Firmware.Boards.Yaml;

// board.yml exactly as written, before validation. Every value is nullable so that the validator,
// not the deserializer, decides what is required and what defaults apply. Settable properties
// only: the static generator cannot assign init-only ones.

/// <summary>The whole board file.</summary>
internal sealed class BoardYaml
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "description")]
    public string? Description { get; set; }

    [YamlMember(Alias = "architecture")]
    public string? Architecture { get; set; }

    [YamlMember(Alias = "compatible")]
    public string? Compatible { get; set; }

    [YamlMember(Alias = "bootloader")]
    public BootloaderYaml? Bootloader { get; set; }

    [YamlMember(Alias = "disk")]
    public DiskYaml? Disk { get; set; }

    [YamlMember(Alias = "kernel")]
    public KernelYaml? Kernel { get; set; }

    [YamlMember(Alias = "status-led")]
    public StatusLedYaml? StatusLed { get; set; }

    [YamlMember(Alias = "watchdog")]
    public string? Watchdog { get; set; }

    [YamlMember(Alias = "qemu")]
    public QemuYaml? Qemu { get; set; }

    [YamlMember(Alias = "bench")]
    public BenchSectionYaml? Bench { get; set; }
}

/// <summary><c>bootloader:</c> which backend, where its environment lives, how many tries a trial gets.</summary>
internal sealed class BootloaderYaml
{
    [YamlMember(Alias = "backend")]
    public string? Backend { get; set; }

    [YamlMember(Alias = "environment")]
    public string? Environment { get; set; }

    [YamlMember(Alias = "tries")]
    public int? Tries { get; set; }
}

/// <summary><c>disk:</c> the partition table.</summary>
internal sealed class DiskYaml
{
    [YamlMember(Alias = "size")]
    public string? Size { get; set; }

    [YamlMember(Alias = "sector-size")]
    public int? SectorSize { get; set; }

    [YamlMember(Alias = "partitions")]
    public List<PartitionYaml>? Partitions { get; set; }
}

/// <summary>One partition: <c>{ name: rootfs-a, role: root-a, size: 256MiB }</c>.</summary>
internal sealed class PartitionYaml
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "role")]
    public string? Role { get; set; }

    [YamlMember(Alias = "size")]
    public string? Size { get; set; }

    [YamlMember(Alias = "type")]
    public string? Type { get; set; }
}

/// <summary><c>kernel:</c> command line, console and the modules the board needs in the initramfs.</summary>
internal sealed class KernelYaml
{
    [YamlMember(Alias = "cmdline")]
    public string? Cmdline { get; set; }

    [YamlMember(Alias = "console")]
    public string? Console { get; set; }

    [YamlMember(Alias = "modules")]
    public List<string>? Modules { get; set; }
}

/// <summary><c>status-led: { chip: 0, line: 42, active: high }</c>.</summary>
internal sealed class StatusLedYaml
{
    [YamlMember(Alias = "chip")]
    public int? Chip { get; set; }

    [YamlMember(Alias = "line")]
    public int? Line { get; set; }

    [YamlMember(Alias = "active")]
    public string? Active { get; set; }
}

/// <summary><c>qemu:</c> how <c>fwtool run qemu</c> starts this board.</summary>
internal sealed class QemuYaml
{
    [YamlMember(Alias = "machine")]
    public string? Machine { get; set; }

    [YamlMember(Alias = "cpu")]
    public string? Cpu { get; set; }

    [YamlMember(Alias = "memory")]
    public string? Memory { get; set; }

    [YamlMember(Alias = "firmware")]
    public string? Firmware { get; set; }
}
