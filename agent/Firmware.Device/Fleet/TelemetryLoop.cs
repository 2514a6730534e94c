using Firmware.Device.Telemetry;

namespace Firmware.Device.Fleet;

/// <summary>
/// Takes a telemetry sample every interval (agent.yml's <c>telemetry.interval</c>), adds it to the
/// offline ring, and drains the ring oldest first through the publisher; a sample leaves the ring
/// only once published (docs/protocol.md 3.2). While the broker is away the ring fills; the first
/// turn after the reconnect flushes it in order. Without a publisher (a device with no broker) it
/// only fills the ring.
/// </summary>
public sealed class TelemetryLoop(TelemetryRing ring, ITelemetryPublisher? publisher, Func<TelemetrySample> collect, TimeSpan interval, TimeProvider clock)
{
    /// <summary>Samples per drain batch (the protocol's per-message limit).</summary>
    public const int Batch = 64;

    /// <summary>Why the last drain stopped early, for the log.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Samples and publishes until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        while (true)
        {
            await Task.Delay(interval, clock, cancellationToken).ConfigureAwait(false);
            await TurnAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One turn: sample, then drain.</summary>
    public async Task TurnAsync(CancellationToken cancellationToken)
    {
        ring.Add(collect());
        if (publisher is null)
        {
            return;
        }

        try
        {
            await ring.DrainAsync(publisher, Batch, cancellationToken).ConfigureAwait(false);
            LastFailure = null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Not connected, or the connection dropped mid-drain: the rest stays in the ring for the next turn.
            LastFailure = e.Message;
        }
    }
}
