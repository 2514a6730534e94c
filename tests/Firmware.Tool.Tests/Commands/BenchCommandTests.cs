namespace Firmware.Tool.Tests.Commands;

/// <summary>fwtool bench as a process: argument handling and the failures that need no bench hardware.</summary>
[Trait("Category", "Integration")]
public sealed class BenchCommandTests : IDisposable
{
    private const string MissingConsole = "/dev/ttyUSB-fwtool-test-missing";
    private readonly CliRunner _cli = new();

    public BenchCommandTests()
    {
        Directory.CreateDirectory(_cli.PathOf("boards/pi"));
        File.WriteAllText(_cli.PathOf("boards/pi/board.yml"), $$"""
            name: pi
            bench:
              power: { line: 17, active: high }
              console: { device: {{MissingConsole}}, baud: 115200 }
              settle-ms: 10
            """);
        using var image = File.Create(_cli.PathOf("os.img"));
        image.SetLength(1 << 20);
        image.Write("boot"u8);
    }

    [Fact]
    public void A_console_device_that_does_not_exist_is_named_with_exit_code_27_and_leaves_no_log()
    {
        var result = _cli.Fwtool("bench", "console", "--console", MissingConsole, "--log", "boot.log");

        Assert.Equal(27, result.ExitCode);
        Assert.Contains($"console {MissingConsole} does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("boot.log")));
    }

    [Fact]
    public void A_cycle_whose_console_does_not_exist_stops_before_touching_the_board_or_the_target()
    {
        var result = _cli.Fwtool("bench", "cycle", "--board", "pi", "--image", "os.img", "--to", "out.img", "--marker", "login:", "--json");

        Assert.Equal(27, result.ExitCode);
        Assert.Contains("\"exitCode\":27", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(MissingConsole, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("powered off", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("out.img")));
        Assert.Empty(Directory.GetFiles(_cli.Directory, "bench-cycle-*.log"));
    }

    [Fact]
    public void A_dry_run_prints_the_plan_and_touches_nothing()
    {
        var result = _cli.Fwtool("bench", "cycle", "--board", "pi", "--image", "os.img", "--to", "out.img", "--marker", "login:", "--timeout", "90s", "--dry-run");

        Fixture.Expect(0, result);
        Assert.Contains("1. power off (line 17, active high)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2. wait 10 ms with the board off", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"5. wait up to 90 s for 'login:' on {MissingConsole}", result.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("out.img")));
    }

    [Fact]
    public void The_console_option_overrides_the_board_file()
    {
        var result = _cli.Fwtool("bench", "cycle", "--board", "pi", "--image", "os.img", "--to", "out.img", "--marker", "login:", "--console", "/dev/ttyACM9", "--dry-run");

        Fixture.Expect(0, result);
        Assert.Contains("on /dev/ttyACM9", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_in_the_bench_section_is_exit_code_25_naming_file_line_and_key()
    {
        File.WriteAllText(_cli.PathOf("typo.yml"), "bench:\n  power: { line: 17, active: high }\n  setle-ms: 10\n");

        var result = _cli.Fwtool("bench", "power", "off", "--wiring", "typo.yml");

        Assert.Equal(25, result.ExitCode);
        Assert.Contains("typo.yml:3:3: setle-ms: unknown key", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "bench", "power", "on")]
    [InlineData(2, "bench", "power", "on", "--board", "pi", "--wiring", "x.yml")]
    [InlineData(2, "bench", "console", "--console", MissingConsole, "--timeout", "5s")]
    [InlineData(2, "bench", "console", "--console", MissingConsole, "--baud", "12345")]
    [InlineData(2, "bench", "cycle", "--board", "pi", "--image", "os.img", "--to", "out.img", "--marker", "login:", "--timeout", "soon")]
    [InlineData(2, "bench", "power", "on", "--board", "../pi")]
    [InlineData(3, "bench", "power", "on", "--board", "no-such-board")]
    public void Bad_arguments_are_refused_before_any_hardware_is_opened(int exitCode, params string[] args)
    {
        var result = _cli.Fwtool(args);

        Assert.True(exitCode == result.ExitCode, result.ToString());
        Assert.DoesNotContain("gpiochip", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
