using System.Text;
using Firmware.Bench.Serial;
using Firmware.Bench.Tests.Doubles;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Bench.Tests.Serial;

/// <summary>The console over a real pty pair: real termios, real reads, fake time where time is asserted.</summary>
[Trait("Category", "Integration")]
public sealed class SerialConsoleTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly PseudoTerminal _pty = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_marker_is_found_and_stamped_with_the_time_its_bytes_arrived()
    {
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, _clock);
        var opened = _clock.GetTimestamp();
        var wait = console.WaitForAsync("login:", Patience, CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(7.25));
        _pty.Write("U-Boot 2024.01\r\nStarting kernel ...\r\n[    1.234] systemd[1]: Started.\r\nbench login: ");
        var match = await wait.WaitAsync(Patience);

        Assert.Equal(TimeSpan.FromSeconds(7.25), _clock.GetElapsedTime(opened, match.Timestamp));
        Assert.Equal(_clock.GetUtcNow(), match.At);
        var log = Encoding.UTF8.GetString(console.Captured());
        Assert.Equal(log.IndexOf("login:", StringComparison.Ordinal), match.Offset);
        Assert.StartsWith("U-Boot 2024.01\r\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marker_split_across_reads_is_still_found()
    {
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, _clock);
        var wait = console.WaitForAsync("READY", Patience, CancellationToken.None);

        _pty.Write("booting... RE");
        await WaitUntil(() => console.Position == 13);
        Assert.False(wait.IsCompleted);
        _pty.Write("ADY\n");

        Assert.Equal(11, (await wait.WaitAsync(Patience)).Offset);
    }

    [Fact]
    public async Task Waiting_from_a_position_ignores_an_earlier_marker()
    {
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, _clock);
        _pty.Write("old boot: login: \n");
        await WaitUntil(() => console.Position == 18);

        var wait = console.WaitForAsync("login:", console.Position, Patience, CancellationToken.None);
        Assert.False(wait.IsCompleted);
        _pty.Write("new boot: login: ");

        Assert.Equal(18 + 10, (await wait.WaitAsync(Patience)).Offset);
    }

    [Fact]
    public async Task A_marker_already_received_completes_at_once()
    {
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, _clock);
        _pty.Write("Welcome\n");
        await WaitUntil(() => console.Position == 8);

        var match = await console.WaitForAsync("Welcome", Patience, CancellationToken.None);

        Assert.Equal(0, match.Offset);
    }

    [Fact]
    public async Task A_timeout_reports_the_marker_the_device_and_the_tail_of_the_log()
    {
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, _clock);
        var lines = Enumerable.Range(1, 30).Select(i => $"line {i}").ToList();
        _pty.Write(string.Join("\r\n", lines) + "\r\nKernel panic - not syncing\r\n");
        await WaitUntil(() => console.Position > 200);
        var wait = console.WaitForAsync("login:", TimeSpan.FromSeconds(60), CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(60));
        var error = await Assert.ThrowsAsync<MarkerTimeoutException>(() => wait);

        Assert.Equal(("login:", TimeSpan.FromSeconds(60), _pty.ConsolePath), (error.Marker, error.Timeout, error.Device));
        Assert.Contains(_pty.ConsolePath, error.Message, StringComparison.Ordinal);
        var tail = error.Tail.Split('\n');
        Assert.Equal(20, tail.Length);
        Assert.Equal("Kernel panic - not syncing", tail[^1]);
    }

    [Fact]
    public async Task Cancelling_a_wait_withdraws_it()
    {
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, _clock);
        using var cancel = new CancellationTokenSource();
        var wait = console.WaitForAsync("never", Patience, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task Every_byte_is_copied_to_the_log_stream_as_it_arrives()
    {
        using var log = new MemoryStream();
        using (var console = SerialConsole.Open(_pty.ConsolePath, 9600, _clock, new() { CopyTo = [log] }))
        {
            _pty.Write("first\n");
            _pty.Write("second\n");
            await console.WaitForAsync("second", Patience, CancellationToken.None);
        }

        Assert.Equal("first\nsecond\n", Encoding.UTF8.GetString(log.ToArray()));
    }

    [Fact]
    public async Task The_capture_keeps_only_the_most_recent_bytes()
    {
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, _clock, new() { CaptureBytes = 16 });
        _pty.Write("0123456789abcdefghijklmnopqrstuvwxyz");
        await WaitUntil(() => console.Position == 36);

        Assert.Equal("klmnopqrstuvwxyz", Encoding.UTF8.GetString(console.Captured()));
        Assert.Equal("uvwxyz", Encoding.UTF8.GetString(console.Captured(since: 30)));
    }

    [Fact]
    public async Task A_board_that_hangs_up_fails_the_wait_with_a_console_error()
    {
        using var console = SerialConsole.Open(_pty.ConsolePath, 115200, _clock);
        var wait = console.WaitForAsync("login:", Patience, CancellationToken.None);

        _pty.Dispose();

        var error = await Assert.ThrowsAsync<BenchException>(() => wait.WaitAsync(Patience));
        Assert.Equal(BenchError.ConsoleFailed, error.Error);
        Assert.Contains(_pty.ConsolePath, error.Message, StringComparison.Ordinal);
        Assert.Same(error, await Assert.ThrowsAsync<BenchException>(() => console.Completion.WaitAsync(Patience)));
    }

    [Fact]
    public async Task Closing_the_console_completes_it_cleanly()
    {
        var console = SerialConsole.Open(_pty.ConsolePath, 115200, _clock);
        Assert.False(console.Completion.IsCompleted);

        console.Dispose();

        await console.Completion.WaitAsync(Patience);
    }

    [Fact]
    public void A_console_device_that_does_not_exist_is_named_in_the_error()
    {
        var error = Assert.Throws<BenchException>(() => SerialConsole.Open("/dev/ttyUSB-fwtool-nope", 115200, _clock));

        Assert.Equal(BenchError.ConsoleNotFound, error.Error);
        Assert.Contains("/dev/ttyUSB-fwtool-nope does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_terminal_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<BenchException>(() => SerialConsole.Open(path, 115200, _clock));

            Assert.Equal(BenchError.ConsoleUnusable, error.Error);
            Assert.Contains("not a terminal", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_speed_termios_cannot_set_is_an_argument_error()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SerialConsole.Open(_pty.ConsolePath, 115201, _clock));

        Assert.Equal("baud", error.ParamName);
    }

    /// <summary>Waits for the reading thread to catch up with bytes written to the pty: bounded, polled.</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the console did not receive the bytes in time");
            await Task.Delay(5);
        }
    }

    public void Dispose() => _pty.Dispose();
}
