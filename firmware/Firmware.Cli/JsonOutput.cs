using System.Text.Json;

namespace Firmware.Cli;

/// <summary>Writes one JSON object to standard output (for <c>--json</c>), closed on dispose.</summary>
public sealed class JsonOutput : IDisposable
{
    private readonly Stream _stdout;
    private readonly Utf8JsonWriter _writer;

    private JsonOutput()
    {
        _stdout = Console.OpenStandardOutput();
        _writer = new Utf8JsonWriter(_stdout, new JsonWriterOptions { Indented = true });
        _writer.WriteStartObject();
    }

    /// <summary>The writer, positioned inside the top-level object.</summary>
    public Utf8JsonWriter Writer => _writer;

    /// <summary>Starts the top-level object, returning the owner to dispose.</summary>
    public static JsonOutput Open() => new();

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _stdout.Write("\n"u8);
        _writer.Dispose();
        _stdout.Dispose();
    }
}
