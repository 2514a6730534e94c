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

    public static byte[] Encode<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    // System.Text.Json appends the path and position as a second sentence; we report them our way.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
