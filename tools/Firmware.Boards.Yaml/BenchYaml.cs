using YamlDotNet.Serialization;

namespace Firmware.Boards.Yaml;

// The bench: section exactly as written, before validation. Every value is nullable so that the
// validator, not the deserializer, decides what is required and what defaults apply. Settable
// properties only: the static generator cannot assign init-only ones.

/// <summary>The <c>bench:</c> mapping.</summary>
internal sealed class BenchSectionYaml
{
    [YamlMember(Alias = "gpiochip")]
    public int? GpioChip { get; set; }

    [YamlMember(Alias = "power")]
    public LineYaml? Power { get; set; }

    [YamlMember(Alias = "reset")]
    public ResetLineYaml? Reset { get; set; }

    [YamlMember(Alias = "boot-mode")]
    public LineYaml? BootMode { get; set; }

    [YamlMember(Alias = "console")]
    public ConsoleYaml? Console { get; set; }

    [YamlMember(Alias = "power-meter")]
    public PowerMeterYaml? PowerMeter { get; set; }

    [YamlMember(Alias = "settle-ms")]
    public int? SettleMs { get; set; }
}

/// <summary><c>{ line: N, active: high|low }</c>.</summary>
internal sealed class LineYaml
{
    [YamlMember(Alias = "line")]
    public int? Line { get; set; }

    [YamlMember(Alias = "active")]
    public string? Active { get; set; }
}

/// <summary>A line with a pulse length: <c>{ line: N, active: low, pulse-ms: 200 }</c>.</summary>
internal sealed class ResetLineYaml
{
    [YamlMember(Alias = "line")]
    public int? Line { get; set; }

    [YamlMember(Alias = "active")]
    public string? Active { get; set; }

    [YamlMember(Alias = "pulse-ms")]
    public int? PulseMs { get; set; }
}

/// <summary><c>{ device: /dev/ttyUSB0, baud: 115200 }</c>.</summary>
internal sealed class ConsoleYaml
{
    [YamlMember(Alias = "device")]
    public string? Device { get; set; }

    [YamlMember(Alias = "baud")]
    public int? Baud { get; set; }
}

/// <summary><c>{ i2c-bus: 1, address: 0x40, shunt-ohms: 0.1 }</c>.</summary>
internal sealed class PowerMeterYaml
{
    [YamlMember(Alias = "i2c-bus")]
    public int? Bus { get; set; }

    [YamlMember(Alias = "address")]
    public int? Address { get; set; }

    [YamlMember(Alias = "shunt-ohms")]
    public double? ShuntOhms { get; set; }
}
