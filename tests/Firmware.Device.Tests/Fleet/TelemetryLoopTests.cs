using System.Text.Json;
using Firmware.Device.Fleet;
using Firmware.Device.Slots;
using Firmware.Device.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Device.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class TelemetryLoopTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Samples_taken_while_offline_are_published_in_order_after_the_reconnect()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var ring = new TelemetryRing(_scratch.Of("ring.db"), 100);
        var publisher = new Publisher();
        var taken = 0;
        var loop = new TelemetryLoop(ring, publisher, () => new TelemetrySample
        {
            Time = clock.GetUtcNow(), Device = "d1", Slot = SlotName.A, Version = "1.0.0", BootCount = ++taken,
        }, TimeSpan.FromSeconds(60), clock);
        using var stop = new CancellationTokenSource();
        var start = clock.GetUtcNow();
        var run = loop.RunAsync(stop.Token);

        publisher.Up = false;
        await AdvanceUntil(clock, () => taken == 3);
        await WaitFor(() => ring.Count == 3 && loop.LastFailure is not null);
        Assert.Empty(publisher.Published);
        Assert.InRange((clock.GetUtcNow() - start).TotalSeconds, 180, 239);   // one sample per 60 s

        publisher.Up = true;
        await AdvanceUntil(clock, () => publisher.Published.Count == 4);
        Assert.Equal([1, 2, 3, 4], publisher.Published.Select(j => JsonDocument.Parse(j).RootElement.GetProperty("bootCount").GetInt64()));
        await WaitFor(() => ring.Count == 0);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    // Moves the fake clock a second at a time, letting the loop take its turn, until the condition holds.
    private static async Task AdvanceUntil(FakeTimeProvider clock, Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2);
        }

        Assert.True(condition());
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class Publisher : ITelemetryPublisher
    {
        public volatile bool Up;

        public List<byte[]> Published { get; } = [];

        public ValueTask PublishAsync(ReadOnlyMemory<byte> sampleJson, CancellationToken cancellationToken)
        {
            if (!Up)
            {
                throw new InvalidOperationException("Not connected to the broker.");
            }

            Published.Add(sampleJson.ToArray());
            return ValueTask.CompletedTask;
        }
    }
}
