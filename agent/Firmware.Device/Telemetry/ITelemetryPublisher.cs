namespace Firmware.Device.Telemetry;

/// <summary>
/// Sends one sample to the fleet (the MQTT connection implements it). The ring hands it samples
/// oldest first and forgets each only after this returns.
/// </summary>
public interface ITelemetryPublisher
{
    /// <summary>Delivers one sample, already serialized as <see cref="TelemetryJsonContext"/> writes it.
    /// Throws when it could not (offline, broker refused); the sample then stays buffered.</summary>
    ValueTask PublishAsync(ReadOnlyMemory<byte> sampleJson, CancellationToken cancellationToken);
}
