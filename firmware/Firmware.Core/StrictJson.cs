using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Firmware.Bundles;

namespace Firmware;

/// <summary>Strict decoding of signed JSON documents into <see cref="BundleException"/>s that say where.</summary>
internal static class StrictJson
{
    public static T Decode<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo, BundleError error, string entry)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, typeInfo)
                   ?? throw new BundleException(error, "document is null", entry);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "" : $" at {e.Path}";
            var where = e.LineNumber is { } line ? $"{path} (line {line + 1}, byte {e.BytePositionInLine + 1})" : path;
            throw new BundleException(error, $"{FirstSentence(e.Message)}{where}", entry, null, e);
        }
    }

    /// <summary>
    /// Rejects a null element of a decoded array. RespectNullableAnnotations enforces non-nullable
    /// properties but not the element type of a collection, so <c>[null]</c> decodes to a list
    /// holding null where the schema requires a string or an object.
    /// </summary>
    public static void RequireElements<T>(IReadOnlyList<T>? list, string path, BundleError error, string entry)
        where T : class
    {
        if (list is null)
        {
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new BundleException(error, $"null at {path}[{i}], where a value is required", entry);
            }
        }
    }

    /// <summary>
    /// The canonical encoding: compact, members in declaration order, and strings escaped only
    /// where JSON requires it. The default encoder would also escape '+' (as \u002B) in every
    /// base64 value, which is valid but makes the canonical form needlessly hard to reproduce.
    /// These files never meet an HTML page, which is what the stricter default guards against.
    /// </summary>
    public static byte[] Encode<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }

    // System.Text.Json appends the path and position as a second sentence; we report them our way.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
