namespace Firmware.Device.Updates;

/// <summary>
/// Delivers update outcomes (to the fleet controller over MQTT, to a log). Called for every outbox
/// entry not yet acknowledged; returning normally acknowledges it. A crash between delivery and
/// acknowledgement delivers it again with the same id, so receivers drop repeats by id.
/// </summary>
public interface IOutcomeReporter
{
    /// <summary>Delivers <paramref name="outcome"/>; throws when it could not (it is retried at the next run).</summary>
    Task ReportAsync(OutboxEntry outcome, CancellationToken cancellationToken);
}
