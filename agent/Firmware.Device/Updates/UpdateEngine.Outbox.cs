namespace Firmware.Device.Updates;

/// <content>The outbox: outcomes are delivered after the save that records them, and acknowledged by a second save.</content>
public sealed partial class UpdateEngine
{
    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in _checkpoint.Outbox.Where(entry => !entry.Acknowledged).ToList())
        {
            try
            {
                await _device.Reporter.ReportAsync(entry, cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or TimeoutException or InvalidOperationException)
            {
                // Not delivered: it stays in the outbox for the next run. The update goes on regardless.
                return;
            }

            var acknowledged = _checkpoint.Outbox.Select(other => other.Id == entry.Id && !other.Acknowledged ? other with { Acknowledged = true } : other).ToList();
            Save(_checkpoint with { Outbox = acknowledged });
        }
    }
}
