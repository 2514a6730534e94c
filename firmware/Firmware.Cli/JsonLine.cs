using System.Text.Json;

namespace Firmware.Cli;

/// <summary>Writes one compact JSON object as a line on standard output: an event in a stream of them.</summary>
public static class JsonLine
{
    /// <summary>Writes the object that <paramref name="write"/> fills, then a newline.</summary>
    public static void Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        stdout.Write("\n"u8);
    }
}
