using Firmware.Bench.Wiring;
using Firmware.Yaml;

namespace Firmware.Bench.Tests.Wiring;

[Trait("Category", "Unit")]
public sealed class BenchSectionParserTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void A_full_section_is_read_and_the_other_sections_are_skipped()
    {
        var wiring = BoardBench.LoadFile(Fixture("full.yml"));

        Assert.Equal(Fixture("full.yml"), wiring.Source);
        Assert.Equal(2, wiring.GpioChip);
        Assert.Equal(new GpioLine(5, ActiveLow: true), wiring.Power);
        Assert.Equal(new GpioLine(6, ActiveLow: true), wiring.Reset);
        Assert.Equal(TimeSpan.FromMilliseconds(50), wiring.ResetPulse);
        Assert.Equal(new GpioLine(7, ActiveLow: false), wiring.BootMode);
        Assert.Equal(new ConsoleSettings("/dev/ttyACM0", 1500000), wiring.Console);
        Assert.Equal(new PowerMeterSettings(3, 0x41, 0.01), wiring.PowerMeter);
        Assert.Equal(TimeSpan.FromSeconds(1), wiring.Settle);
    }

    [Fact]
    public void The_raspberry_pi_board_in_the_repository_has_bench_wiring()
    {
        var wiring = BoardBench.LoadFile(Fixture("raspberrypi4.yml"));

        Assert.Equal(new GpioLine(17, ActiveLow: false), wiring.Power);
        Assert.Equal(new PowerMeterSettings(1, 0x40, 0.1), wiring.PowerMeter);
    }

    [Fact]
    public void Only_power_is_required_and_the_rest_takes_defaults()
    {
        var wiring = BoardBench.LoadFile(Fixture("minimal.yml"));

        Assert.Equal(0, wiring.GpioChip);
        Assert.Null(wiring.Reset);
        Assert.Null(wiring.BootMode);
        Assert.Null(wiring.Console);
        Assert.Null(wiring.PowerMeter);
        Assert.Equal(BenchWiring.DefaultSettle, wiring.Settle);
        Assert.Equal(BenchWiring.DefaultResetPulse, wiring.ResetPulse);
    }

    [Fact]
    public void Boards_are_found_by_name_under_the_boards_directory()
    {
        var boards = Path.Combine(AppContext.BaseDirectory, "boards-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(boards, "pi4"));
        File.Copy(Fixture("minimal.yml"), Path.Combine(boards, "pi4", "board.yml"));
        try
        {
            Assert.Equal(17, BoardBench.Load(boards, "pi4").Power.Line);
            Assert.Throws<FileNotFoundException>(() => BoardBench.Load(boards, "pi5"));
            Assert.Equal("board", Assert.Throws<ArgumentException>(() => BoardBench.Load(boards, "../pi4")).ParamName);
        }
        finally
        {
            Directory.Delete(boards, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_key_names_the_file_the_line_and_the_key()
    {
        var path = Fixture("unknown-key.yml");

        var error = Assert.Throws<YamlConfigException>(() => BoardBench.LoadFile(path));

        Assert.Equal(YamlError.UnknownKey, error.Error);
        Assert.Equal(path, error.File);
        Assert.Equal(8, error.Line);
        Assert.Equal("pulse_ms", error.Key);
        Assert.StartsWith($"{path}:8:5: pulse_ms: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_in_flow_mappings_and_at_the_section_level_are_found_too()
    {
        var flow = Assert.Throws<YamlConfigException>(() => Parse("bench:\n  power: { line: 1, active: high, invert: true }\n"));
        var top = Assert.Throws<YamlConfigException>(() => Parse("bench:\n  power: { line: 1, active: high }\n\n  relay: 4\n"));

        Assert.Equal((YamlError.UnknownKey, 2, "invert"), (flow.Error, flow.Line, flow.Key));
        Assert.Equal((YamlError.UnknownKey, 4, "relay"), (top.Error, top.Line, top.Key));
    }

    [Fact]
    public void Garbage_yaml_is_a_syntax_error_with_a_line()
    {
        var error = Assert.Throws<YamlConfigException>(() => BoardBench.LoadFile(Fixture("garbage.yml")));

        Assert.True(error.Error == YamlError.Syntax, error.ToString());
        Assert.InRange(error.Line, 2, 4);
        Assert.Contains("garbage.yml:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bench: [1, 2]\n", YamlError.InvalidValue)]
    [InlineData("- just\n- a list\n", YamlError.Syntax)]
    [InlineData("", YamlError.MissingSection)]
    [InlineData("name: x\n", YamlError.MissingSection)]
    [InlineData("bench:\n", YamlError.MissingKey)]
    [InlineData("bench:\n  gpiochip: 0\n", YamlError.MissingKey)]
    [InlineData("bench:\n  power: { line: 1 }\n", YamlError.MissingKey)]
    [InlineData("bench:\n  power: { active: low }\n", YamlError.MissingKey)]
    [InlineData("bench:\n  power: { line: 1, active: sideways }\n", YamlError.InvalidValue)]
    [InlineData("bench:\n  power: { line: one, active: high }\n", YamlError.InvalidValue)]
    [InlineData("bench:\n  power: { line: -1, active: high }\n", YamlError.InvalidValue)]
    [InlineData("bench:\n  power: { line: 1, active: high }\n  reset: { line: 1, active: low }\n", YamlError.InvalidValue)]
    [InlineData("bench:\n  power: { line: 1, active: high }\n  reset: { line: 2, active: low, pulse-ms: 0 }\n", YamlError.InvalidValue)]
    [InlineData("bench:\n  power: { line: 1, active: high }\n  console: { baud: 115200 }\n", YamlError.MissingKey)]
    [InlineData("bench:\n  power: { line: 1, active: high }\n  console: { device: /dev/ttyS0, baud: 115201 }\n", YamlError.InvalidValue)]
    [InlineData("bench:\n  power: { line: 1, active: high }\n  power-meter: { address: 0x40 }\n", YamlError.MissingKey)]
    [InlineData("bench:\n  power: { line: 1, active: high }\n  power-meter: { i2c-bus: 1, address: 0x80 }\n", YamlError.InvalidValue)]
    [InlineData("bench:\n  power: { line: 1, active: high }\n  power-meter: { i2c-bus: 1, shunt-ohms: 0 }\n", YamlError.InvalidValue)]
    [InlineData("bench:\n  power: { line: 1, active: high }\n  settle-ms: -5\n", YamlError.InvalidValue)]
    [InlineData("bench:\n  power: { line: 1, active: high }\n  power: { line: 2, active: high }\n", YamlError.DuplicateKey)]
    [InlineData("bench:\n  power: { line: 1, active: high }\nbench:\n  power: { line: 2, active: high }\n", YamlError.DuplicateKey)]
    [InlineData("bench:\n  power: { line: 1, active: high }\n---\nbench: {}\n", YamlError.Syntax)]
    public void Malformed_sections_are_rejected_with_the_exact_error(string yaml, YamlError expected)
    {
        var error = Assert.Throws<YamlConfigException>(() => Parse(yaml));

        Assert.Equal(expected, error.Error);
        Assert.StartsWith("test.yml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_errors_point_at_the_line_and_key_at_fault()
    {
        var type = Assert.Throws<YamlConfigException>(() => Parse("bench:\n  power: { line: 1, active: high }\n  settle-ms: soon\n"));
        var polarity = Assert.Throws<YamlConfigException>(() => Parse("bench:\n  power: { line: 1, active: high }\n  reset:\n    line: 2\n    active: maybe\n"));

        Assert.Equal((3, "settle-ms"), (type.Line, type.Key));
        Assert.Equal((5, "bench.reset.active"), (polarity.Line, polarity.Key));
    }

    [Fact]
    public void Other_sections_may_hold_any_yaml_anchors_and_tags_included()
    {
        var wiring = Parse("defaults: &d { x: [1, {y: 2}] }\nimage: !custom tag\nbench:\n  power: { line: 3, active: low }\n");

        Assert.Equal(new GpioLine(3, ActiveLow: true), wiring.Power);
    }

    private static BenchWiring Parse(string yaml) => BenchSectionParser.Parse(yaml, "test.yml");
}
