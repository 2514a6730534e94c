using Firmware.Bench.Serial;
using Firmware.Boards.Yaml;
using Firmware.Yaml;

namespace Firmware.Bench.Wiring;

// The semantic stage: the section deserialized; now decide what is required, apply defaults and
// check ranges. Errors name the line where the offending mapping starts.
public static partial class BenchSectionParser
{
    private const int MaxLine = 1023;
    private const int MaxMilliseconds = 600_000;

    private static BenchWiring Validate(YamlDocument<BenchSectionYaml> document)
    {
        var section = document.Value;
        var source = document.Source;
        var check = new Checker(document);
        var chip = check.Range(section.GpioChip ?? 0, 0, 255, section, "bench.gpiochip");
        var power = check.Line(section.Power is { } p ? (p.Line, p.Active, p) : null, "bench.power")
            ?? throw check.Error(YamlError.MissingKey, section, "bench.power", "is required: the line that switches the board's power");
        var reset = check.Line(section.Reset is { } r ? (r.Line, r.Active, r) : null, "bench.reset");
        var bootMode = check.Line(section.BootMode is { } b ? (b.Line, b.Active, b) : null, "bench.boot-mode");
        var pulse = section.Reset?.PulseMs is { } ms ? check.Range(ms, 1, MaxMilliseconds, section.Reset, "bench.reset.pulse-ms") : (int)BenchWiring.DefaultResetPulse.TotalMilliseconds;
        var settle = check.Range(section.SettleMs ?? (int)BenchWiring.DefaultSettle.TotalMilliseconds, 0, MaxMilliseconds, section, "bench.settle-ms");

        var used = new[] { ("power", power), ("reset", reset), ("boot-mode", bootMode) }.Where(l => l.Item2 is not null).ToList();
        if (used.GroupBy(l => l.Item2!.Line).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            throw check.Error(YamlError.InvalidValue, section, "bench", $"line {shared.Key} is used for both {string.Join(" and ", shared.Select(l => l.Item1))}");
        }

        return new BenchWiring
        {
            Source = source,
            GpioChip = chip,
            Power = power,
            Reset = reset,
            ResetPulse = TimeSpan.FromMilliseconds(pulse),
            BootMode = bootMode,
            Console = section.Console is { } console ? ConsoleOf(console, check) : null,
            PowerMeter = section.PowerMeter is { } meter ? MeterOf(meter, check) : null,
            Settle = TimeSpan.FromMilliseconds(settle),
        };
    }

    private static ConsoleSettings ConsoleOf(ConsoleYaml console, Checker check)
    {
        if (string.IsNullOrWhiteSpace(console.Device))
        {
            throw check.Error(YamlError.MissingKey, console, "bench.console.device", "is required, such as /dev/ttyUSB0");
        }

        var baud = console.Baud ?? ConsoleSettings.DefaultBaud;
        return BaudRates.IsSupported(baud)
            ? new ConsoleSettings(console.Device, baud)
            : throw check.Error(YamlError.InvalidValue, console, "bench.console.baud", $"{baud} is not a standard rate ({string.Join(", ", BaudRates.Supported)})");
    }

    private static PowerMeterSettings MeterOf(PowerMeterYaml meter, Checker check)
    {
        var bus = meter.Bus is { } b
            ? check.Range(b, 0, 255, meter, "bench.power-meter.i2c-bus")
            : throw check.Error(YamlError.MissingKey, meter, "bench.power-meter.i2c-bus", "is required: the N of /dev/i2c-N");
        // 0x00-0x02 and 0x78-0x7F are reserved by the I2C specification (UM10204, table 4).
        var address = check.Range(meter.Address ?? PowerMeterSettings.DefaultAddress, 0x03, 0x77, meter, "bench.power-meter.address");
        var shunt = meter.ShuntOhms ?? PowerMeterSettings.DefaultShuntOhms;
        return shunt is > 0 and <= 100 && double.IsFinite(shunt)
            ? new PowerMeterSettings(bus, address, shunt)
            : throw check.Error(YamlError.InvalidValue, meter, "bench.power-meter.shunt-ohms", $"{shunt} is not a resistance between 0 and 100 ohms");
    }

    /// <summary>Range checks and GPIO lines, with errors that point at the line of the mapping a value came from.</summary>
    private sealed class Checker(YamlDocument<BenchSectionYaml> document)
    {
        public YamlConfigException Error(YamlError error, object? mapping, string key, string problem) => document.Error(error, mapping, key, problem);

        public int Range(int value, int min, int max, object? mapping, string key) =>
            value >= min && value <= max ? value : throw document.Invalid(mapping, key, $"{value} is outside {min}..{max}");

        public GpioLine? Line((int? Line, string? Active, object Mapping)? line, string key)
        {
            if (line is not { } given)
            {
                return null;
            }

            var (number, active, mapping) = given;

            if (number is not { } n)
            {
                throw document.Missing(mapping, $"{key}.line", "is required: the line's offset on the GPIO chip");
            }

            Range(n, 0, MaxLine, mapping, $"{key}.line");
            return active switch
            {
                "high" => new GpioLine(n, ActiveLow: false),
                "low" => new GpioLine(n, ActiveLow: true),
                // No default: guessing the polarity wrong powers the board when it should be off.
                null => throw document.Missing(mapping, $"{key}.active", "is required: high or low"),
                _ => throw document.Invalid(mapping, $"{key}.active", $"'{active}' is not high or low"),
            };
        }
    }
}
