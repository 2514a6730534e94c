using System.Text;
using Firmware.Bench.Serial;

namespace Firmware.Bench.Tests.Serial;

[Trait("Category", "Unit")]
public sealed class ConsoleCaptureTests
{
    private static readonly DateTimeOffset Noon = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_marker_arriving_one_byte_at_a_time_is_found_with_the_last_bytes_timestamp()
    {
        var capture = new ConsoleCapture(64);
        var wait = capture.WaitAsync("ok>"u8.ToArray(), 0, 0, Noon, CancellationToken.None);

        var stamp = 100L;
        foreach (var b in "boot ok>"u8.ToArray())
        {
            capture.Append([b], stamp++, Noon);
        }

        var match = await wait;
        Assert.Equal((5L, 107L), (match.Offset, match.Timestamp));
    }

    [Fact]
    public void The_ring_wraps_and_offsets_keep_counting_from_the_first_byte()
    {
        var capture = new ConsoleCapture(8);
        capture.Append("abcdef"u8, 1, Noon);
        capture.Append("ghijkl"u8, 2, Noon);

        Assert.Equal(12, capture.Total);
        Assert.Equal("efghijkl", Encoding.ASCII.GetString(capture.Snapshot()));
        Assert.Equal("jkl", Encoding.ASCII.GetString(capture.Snapshot(9)));
    }

    [Fact]
    public async Task A_read_larger_than_the_capture_keeps_its_end_and_still_matches()
    {
        var capture = new ConsoleCapture(8);
        var wait = capture.WaitAsync("XYZ"u8.ToArray(), 0, 0, Noon, CancellationToken.None);

        capture.Append(Encoding.ASCII.GetBytes(new string('.', 100) + "XYZ!"), 5, Noon);

        Assert.Equal(100, (await wait).Offset);
        Assert.Equal(".....XYZ!"[1..], Encoding.ASCII.GetString(capture.Snapshot()));
    }

    [Fact]
    public async Task A_failure_fails_pending_and_later_waits()
    {
        var capture = new ConsoleCapture(8);
        var pending = capture.WaitAsync("x"u8.ToArray(), 0, 0, Noon, CancellationToken.None);

        capture.Fail(new BenchException(BenchError.ConsoleFailed, "gone"));

        await Assert.ThrowsAsync<BenchException>(() => pending);
        await Assert.ThrowsAsync<BenchException>(() => capture.WaitAsync("y"u8.ToArray(), 0, 0, Noon, CancellationToken.None));
    }

    [Fact]
    public void The_tail_is_the_last_lines_as_text()
    {
        var capture = new ConsoleCapture(1024);
        capture.Append("one\r\ntwo\r\nthree\r\nfour\r\n"u8, 0, Noon);

        Assert.Equal("three\nfour", capture.Tail(0, maxLines: 2));
        Assert.Equal("four", capture.Tail(since: 17));
    }
}
