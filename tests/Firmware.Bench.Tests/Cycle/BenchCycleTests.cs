using System.Text;
using Firmware.Bench.Cycle;
using Firmware.Bench.Lines;
using Firmware.Bench.Serial;
using Firmware.Bench.Tests.Doubles;
using Firmware.Bench.Wiring;
using Firmware.Flash;
using Firmware.Flash.Bmap;
using Firmware.Flash.Devices;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Bench.Tests.Cycle;

/// <summary>
/// Whole cycles: a real flash of a sparse image to a file, the GPIO double as the bench's lines,
/// and a pty as the console, with a simulated board that prints its boot log when powered on.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BenchCycleTests : IDisposable
{
    private const int Power = 5;
    private const int BootMode = 7;
    private const long ImageSize = 8L << 20;
    private const string BootLog = "U-Boot SPL 2024.01\r\nTrying to boot from MMC1\r\nStarting kernel ...\r\n\r\nWelcome to fwtool OS\r\nbench login: ";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BootDuration = TimeSpan.FromSeconds(7.5);

    private readonly ScratchDirectory _dir = new();
    private readonly PseudoTerminal _pty = new();
    private readonly List<string> _events = [];
    private readonly string _image;

    public BenchCycleTests()
    {
        _image = _dir.SparseImage("os.img", ImageSize, (0, 4096), (1 << 20, 300_000), (6L << 20, 8192));
        File.WriteAllBytes(_dir.Of("os.img.bmap"), BmapFile.Write(BmapCreator.Create(_image)));
    }

    // Power is active low and boot-mode active high, so a polarity mix-up shows in the sequence.
    private static BenchWiring Wiring(int settleMs) => BenchSectionParser.Parse(
        $"bench:\n  power: {{ line: {Power}, active: low }}\n  boot-mode: {{ line: {BootMode}, active: high }}\n  settle-ms: {settleMs}\n", "cycle.yml");

    [Fact]
    public async Task A_cycle_powers_off_flashes_boots_with_boot_mode_and_reports_the_boot_time()
    {
        var clock = new FakeTimeProvider();
        var driver = Board(clock, BootLog, BootDuration);
        var meter = new FakePowerMeter(1500);
        using var power = new BoardPower(Wiring(settleMs: 0), driver, clock);
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, clock);
        _pty.Write("noise from the previous boot: bench login: \r\n");
        await WaitUntil(() => console.Position == 45);
        var before = _events.Count;

        var result = await RunAsync(power, console, clock, meter, Wiring(settleMs: 0), "login:");

        Assert.Equal(
        [
            "start PowerOff", "gpio 5=high", "end PowerOff",
            "start Settle", "end Settle",
            "start Flash", "end Flash",
            "start AssertBootMode", "gpio 7=high", "end AssertBootMode",
            "start PowerOn", "gpio 5=low", "board prints", "end PowerOn",
            "start WaitForMarker", "end WaitForMarker",
            "start ReleaseBootMode", "gpio 7=low", "end ReleaseBootMode",
        ], _events.Skip(before));
        Assert.Equal(File.ReadAllBytes(_image), File.ReadAllBytes(_dir.Of("target.img")));
        Assert.Equal(3, result.Flash.RangesWritten);
        Assert.True(result.Flash.Verified);
        Assert.Equal(BootDuration, result.BootTime);
        Assert.Equal(BootLog.IndexOf("login:", StringComparison.Ordinal), result.Marker.Offset - 45);
        Assert.Equal(BootLog.IndexOf("login:", StringComparison.Ordinal) + "login:".Length, result.LogBytes);
        Assert.Equal(_dir.Of("boot.log"), result.LogPath);
        Assert.EndsWith(BootLog, Encoding.UTF8.GetString(console.Captured()), StringComparison.Ordinal);
        Assert.NotNull(result.Power);
        Assert.Equal((1500, 1500), (result.Power.AverageMilliwatts, result.Power.PeakMilliwatts));
        Assert.Equal(BootDuration, result.Power.Duration);
        Assert.Equal(1500 * BootDuration.TotalSeconds, result.Power.Millijoules);
        Assert.True(power.IsPowered);
        power.LeaveAsIs();
    }

    [Fact]
    public async Task The_board_stays_off_for_the_settle_time_before_power_on()
    {
        var clock = TimeProvider.System;
        var driver = Board(clock, BootLog, TimeSpan.Zero);
        using var power = new BoardPower(Wiring(settleMs: 40), driver, clock);
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, clock);
        await RunAsync(power, console, clock, null, Wiring(settleMs: 40), "login:");

        var writes = driver.Writes.Where(w => w.Line == Power).ToList();
        Assert.Equal(["5=high", "5=low"], writes.Select(w => w.ToString()));
        Assert.True(clock.GetElapsedTime(writes[0].Timestamp, writes[1].Timestamp) >= TimeSpan.FromMilliseconds(40));
    }

    [Fact]
    public async Task A_flash_failure_leaves_the_board_off_and_never_powers_it_on()
    {
        var clock = new FakeTimeProvider();
        var driver = Board(clock, BootLog, BootDuration);
        using var power = new BoardPower(Wiring(settleMs: 0), driver, clock);
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, clock);
        Corrupt(_image, (1 << 20) + 1000);

        var error = await Assert.ThrowsAsync<FlashException>(() => RunAsync(power, console, clock, null, Wiring(settleMs: 0), "login:"));

        Assert.Equal(FlashError.SourceCorrupt, error.Error);
        Assert.DoesNotContain("gpio 5=low", _events);
        Assert.DoesNotContain("gpio 7=high", _events);
        Assert.Equal(["5=high", "5=high"], driver.Sequence);
        Assert.False(power.IsPowered);
    }

    [Fact]
    public async Task A_marker_timeout_powers_the_board_off_and_carries_the_tail_of_the_log()
    {
        var clock = TimeProvider.System;
        var driver = Board(clock, "U-Boot 2024.01\r\nWrong Image Format for bootm command\r\n=> ", TimeSpan.Zero);
        using var power = new BoardPower(Wiring(settleMs: 0), driver, clock);
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, clock);

        var error = await Assert.ThrowsAsync<MarkerTimeoutException>(() =>
            RunAsync(power, console, clock, null, Wiring(settleMs: 0), "login:", TimeSpan.FromMilliseconds(300)));

        Assert.Contains("Wrong Image Format", error.Tail, StringComparison.Ordinal);
        Assert.Equal(["5=high", "7=high", "5=low", "5=high", "7=low"], driver.Sequence);
        Assert.False(power.IsPowered);
    }

    [Fact]
    public async Task Cancelling_mid_boot_powers_the_board_off()
    {
        var clock = new FakeTimeProvider();
        var driver = Board(clock, "Starting kernel ...\r\n", TimeSpan.Zero);
        using var power = new BoardPower(Wiring(settleMs: 0), driver, clock);
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, clock);
        using var cancel = new CancellationTokenSource();
        driver.Written += w =>
        {
            if (w.Line == Power && w.Value == System.Device.Gpio.PinValue.Low)
            {
                cancel.CancelAfter(TimeSpan.FromMilliseconds(50));
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            RunAsync(power, console, clock, null, Wiring(settleMs: 0), "login:", cancellationToken: cancel.Token));

        Assert.Equal("5=high", driver.Sequence.Last(s => s.StartsWith("5=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_power_meter_that_fails_at_power_on_fails_the_cycle_with_the_board_off()
    {
        var clock = new FakeTimeProvider();
        var driver = Board(clock, BootLog, TimeSpan.Zero);
        using var power = new BoardPower(Wiring(settleMs: 0), driver, clock);
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, clock);

        var error = await Assert.ThrowsAsync<BenchException>(() =>
            RunAsync(power, console, clock, new FakePowerMeter(0) { Broken = true }, Wiring(settleMs: 0), "login:"));

        Assert.Equal(BenchError.PowerMeterFailed, error.Error);
        Assert.Equal(["5=high", "7=low"], driver.Sequence.TakeLast(2));
    }

    /// <summary>
    /// The GPIO double with a simulated board on it: when its power line goes active (low), the
    /// board "boots" for <paramref name="bootTime"/> of the fake clock and prints <paramref name="log"/>.
    /// </summary>
    private RecordingGpioDriver Board(TimeProvider clock, string log, TimeSpan bootTime)
    {
        var driver = new RecordingGpioDriver(clock);
        driver.Written += write =>
        {
            Record($"gpio {write}");
            if (write.Line == Power && write.Value == System.Device.Gpio.PinValue.Low)
            {
                (clock as FakeTimeProvider)?.Advance(bootTime);
                Record("board prints");
                _pty.Write(log);
            }
        };
        return driver;
    }

    private async Task<BenchCycleResult> RunAsync(BoardPower power, SerialConsole console, TimeProvider clock, FakePowerMeter? meter, BenchWiring wiring,
        string marker, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var request = new BenchCycleRequest { Marker = marker, Timeout = timeout ?? Patience, LogPath = _dir.Of("boot.log") };
        var target = _dir.Of("target.img");
        var plan = BenchCyclePlanner.Plan(wiring, request, _image, target, console.Device);
        using var flash = PreparedFlash.Prepare(new FlashRequest { Image = _image, Target = target }, new BlockDeviceProbe());
        var progress = new SyncProgress<BenchCycleProgress>(p => Record($"{(p.Finished ? "end" : "start")} {p.Step.Kind}"));
        return await new BenchCycle(power, console, clock, meter).RunAsync(plan, flash, progress, null, cancellationToken).WaitAsync(Patience, CancellationToken.None);
    }

    private void Record(string what)
    {
        lock (_events)
        {
            _events.Add(what);
        }
    }

    private static void Corrupt(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0xFF));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the console did not receive the bytes in time");
            await Task.Delay(5);
        }
    }

    public void Dispose()
    {
        _pty.Dispose();
        _dir.Dispose();
    }
}
