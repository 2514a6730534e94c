using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Firmware.Init.Status;

/// <summary>
/// Writes the status table as docs/agent.md specifies it: one compact JSON object per line, UTF-8,
/// each line ending in <c>\n</c>, keys in a fixed order, <c>pid</c> and <c>exit</c> left out when
/// there is none. Pure: the caller decides where the bytes go (<see cref="StatusFile"/>).
/// </summary>
public static class StatusTableWriter
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, IEnumerable<ServiceStatusEntry> table)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(table);
        using var json = new Utf8JsonWriter(output);
        foreach (var entry in table)
        {
            json.Reset(output);
            json.WriteStartObject();
            json.WriteString("name", entry.Name);
            json.WriteString("state", entry.State);
            if (entry.Pid is { } pid)
            {
                json.WriteNumber("pid", pid);
            }

            json.WriteNumber("restarts", entry.Restarts);
            json.WriteString("since", entry.Since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            if (entry.Exit is { } exit)
            {
                json.WriteString("exit", exit);
            }

            json.WriteEndObject();
            json.Flush();
            output.Write("\n"u8);
        }
    }
}
