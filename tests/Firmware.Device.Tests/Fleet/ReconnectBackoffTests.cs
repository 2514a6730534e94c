using Firmware.Device.Fleet;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Device.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Ceilings_double_up_to_the_cap_and_jitter_scales_them()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), () => 0.5);
        var waits = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds).ToArray();
        Assert.Equal([0.5, 1, 2, 4, 5, 5], waits);
        backoff.Reset();
        Assert.Equal(0.5, backoff.Next().TotalSeconds);
    }

    [Fact]
    public void Full_jitter_stays_within_zero_and_the_ceiling()
    {
        var random = new Random(1);
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), random.NextDouble);
        for (var i = 0; i < 100; i++)
        {
            var ceiling = backoff.Ceiling;
            Assert.InRange(backoff.Next(), TimeSpan.Zero, ceiling);
        }

        Assert.Equal(TimeSpan.FromMinutes(5), backoff.Ceiling);
    }

    [Fact]
    public async Task The_loop_waits_the_back_off_on_the_clock_and_resets_after_a_connection()
    {
        var clock = new FakeTimeProvider();
        var loop = new ReconnectLoop(new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 1.0), clock);
        using var stop = new CancellationTokenSource();
        using var attempted = new SemaphoreSlim(0);
        var up = 0;
        var run = loop.RunAsync(
            _ => { attempted.Release(); return Task.FromResult(loop.Attempts == 4); },
            _ => { up++; return Task.CompletedTask; },
            stop.Token);

        async Task Expect(int attempts)
        {
            Assert.True(await attempted.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(attempts, loop.Attempts);
        }

        await Expect(1);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, attempted.CurrentCount);         // the timer has not fired: nothing can have run
        clock.Advance(TimeSpan.FromMilliseconds(1));     // 1 s after the first failure
        await Expect(2);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal(0, attempted.CurrentCount);
        clock.Advance(TimeSpan.FromSeconds(0.1));        // then 2 s
        await Expect(3);
        clock.Advance(TimeSpan.FromSeconds(3.9));
        Assert.Equal(0, attempted.CurrentCount);
        clock.Advance(TimeSpan.FromSeconds(0.1));        // then 4 s: connects, and the connection drops at once
        await Expect(4);
        clock.Advance(TimeSpan.FromSeconds(1));          // reset: 1 s again
        await Expect(5);
        Assert.Equal(1, up);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
