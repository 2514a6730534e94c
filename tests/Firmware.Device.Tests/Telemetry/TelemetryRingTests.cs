using System.Text.Json;
using Firmware.Device.Slots;
using Firmware.Device.Telemetry;

namespace Firmware.Device.Tests.Telemetry;

[Trait("Category", "Unit")]
public sealed class TelemetryRingTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private TelemetryRing Open(int capacity) => new(_scratch.Of("telemetry.db"), capacity);

    private static TelemetrySample Sample(long boot) => new()
    {
        Time = DateTimeOffset.UnixEpoch.AddMinutes(boot),
        Device = "dev1",
        Slot = SlotName.A,
        Version = "1.0.0",
        BootCount = boot,
    };

    private static long BootOf(ReadOnlyMemory<byte> json) => JsonSerializer.Deserialize(json.Span, TelemetryJsonContext.Default.TelemetrySample)!.BootCount;

    [Fact]
    public void Keeps_the_newest_samples_up_to_capacity_and_counts_what_it_drops()
    {
        var ring = Open(3);
        for (var i = 1; i <= 5; i++)
        {
            ring.Add(Sample(i));
        }

        Assert.Equal(3, ring.Count);
        Assert.Equal(2, ring.Dropped);
        Assert.Equal([3L, 4, 5], ring.Peek(10).Select(s => BootOf(s.Json)));
    }

    [Fact]
    public void Survives_a_restart_with_its_order_and_drop_count()
    {
        var ring = Open(2);
        ring.Add(Sample(1));
        ring.Add(Sample(2));
        ring.Add(Sample(3));

        var reopened = Open(2);
        reopened.Add(Sample(4));

        Assert.Equal((2, 2L), (reopened.Count, reopened.Dropped));
        Assert.Equal([3L, 4], reopened.Peek(10).Select(s => BootOf(s.Json)));
    }

    [Fact]
    public async Task Drains_in_order_and_stops_at_the_first_failure_keeping_the_rest()
    {
        var ring = Open(10);
        for (var i = 1; i <= 5; i++)
        {
            ring.Add(Sample(i));
        }

        var publisher = new RecordingPublisher(failOnCall: 4);
        await Assert.ThrowsAsync<IOException>(() => ring.DrainAsync(publisher, batch: 2, CancellationToken.None));

        Assert.Equal([1L, 2, 3], publisher.Published.Select(BootOf));
        Assert.Equal([4L, 5], ring.Peek(10).Select(s => BootOf(s.Json)));

        publisher.FailOnCall = null;
        Assert.Equal(2, await ring.DrainAsync(publisher, batch: 2, CancellationToken.None));
        Assert.Equal([1L, 2, 3, 4, 5], publisher.Published.Select(BootOf));
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void Rejects_a_capacity_below_one()
    {
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => Open(0)).ParamName);
    }

    /// <summary>Records what it is given; the Nth call fails as an offline broker would.</summary>
    private sealed class RecordingPublisher(int? failOnCall) : ITelemetryPublisher
    {
        private int _calls;

        public int? FailOnCall { get; set; } = failOnCall;

        public List<ReadOnlyMemory<byte>> Published { get; } = [];

        public ValueTask PublishAsync(ReadOnlyMemory<byte> sampleJson, CancellationToken cancellationToken)
        {
            if (++_calls == FailOnCall)
            {
                throw new IOException("broker unreachable");
            }

            Published.Add(sampleJson.ToArray());
            return ValueTask.CompletedTask;
        }
    }
}
