using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Firmware.Oci.Json;

/// <summary>Parses and writes OCI documents through the source-generated context, turning JSON errors into <see cref="OciException"/>.</summary>
internal static class OciDocuments
{
    // Media types hold '+', which the default encoder writes as \u002B: valid, but unlike what
    // every other OCI tool writes. Documents never reach HTML, so the relaxed encoder is safe.
    private static readonly OciJsonContext Writer = new(new JsonSerializerOptions(OciJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Parses <paramref name="json"/> as <typeparamref name="T"/>; <paramref name="what"/> names the document in errors.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new OciException(OciError.MalformedDocument, $"{what} is JSON null");
        }
        catch (JsonException e)
        {
            throw new OciException(OciError.MalformedDocument, $"{what} is not valid: {e.Message}", e);
        }
    }

    /// <summary>The compact, key-ordered bytes of <paramref name="value"/>.</summary>
    public static byte[] Write<T>(T value, JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToUtf8Bytes(value, (JsonTypeInfo<T>)Writer.GetTypeInfo(type.Type)!);
}
