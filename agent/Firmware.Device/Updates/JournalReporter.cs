using System.Text.Json;
using Firmware.Device.Slots;
using Firmware.Device.Storage;

namespace Firmware.Device.Updates;

/// <summary>
/// Reports outcomes by appending them as JSON lines to a journal file on the data partition,
/// synced before the report counts as delivered: the local record that <c>fwagent</c> keeps when
/// no fleet controller is connected. Lines carry the update id, so a repeat is recognisable.
/// </summary>
public sealed class JournalReporter(IDeviceStorage storage, string file = "outcomes.jsonl") : IOutcomeReporter
{
    /// <inheritdoc/>
    public Task ReportAsync(OutboxEntry outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var stream = storage.OpenWrite(file);
        stream.Seek(0, SeekOrigin.End);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("id", outcome.Id);
            writer.WriteString("outcome", outcome.Outcome.ToString());
            writer.WriteString("version", outcome.Version);
            writer.WriteString("slot", outcome.Slot.Letter());
            writer.WriteString("error", outcome.ErrorCode?.ToString());
            writer.WriteString("detail", outcome.Detail);
            writer.WriteEndObject();
        }

        stream.Write("\n"u8);
        stream.Flush();
        return Task.CompletedTask;
    }
}
