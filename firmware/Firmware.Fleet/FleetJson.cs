using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Firmware.Fleet;

/// <summary>
/// Strict decoding of fleet payloads (docs/protocol.md section 2): the size limit first, then the
/// <c>schema</c> alone (so an unknown schema is reported as such), then the strict decode.
/// </summary>
internal static class FleetJson
{
    public static T Decode<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo, int limit, string topic)
        where T : class
    {
        if (utf8.Length > limit)
        {
            throw new FleetException(FleetError.PayloadTooLarge, $"{topic}: {utf8.Length} bytes, more than the limit of {limit}");
        }

        var schema = PeekSchema(utf8, topic);
        if (schema != FleetLimits.Schema)
        {
            throw new FleetException(FleetError.UnsupportedSchema, $"{topic}: schema {schema} is not supported (this reader knows {FleetLimits.Schema})");
        }

        try
        {
            return JsonSerializer.Deserialize(utf8, typeInfo) ?? throw Malformed(topic, "the payload is null");
        }
        catch (JsonException e)
        {
            var cut = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
            var message = cut > 0 ? e.Message[..cut] : e.Message;
            throw new FleetException(FleetError.MalformedPayload, $"{topic}: {message} at {e.Path ?? "$"}", e);
        }
    }

    public static byte[] Encode<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static FleetException Malformed(string topic, string message) =>
        new(FleetError.MalformedPayload, $"{topic}: {message}");

    public static void Require(bool condition, string topic, string property, string rule)
    {
        if (!condition)
        {
            throw Malformed(topic, $"'{property}' {rule}");
        }
    }

    public static void RequireName(string? value, string topic, string property) =>
        Require(!string.IsNullOrEmpty(value) && value.Length <= FleetLimits.MaxName, topic, property, $"must be 1..{FleetLimits.MaxName} characters");

    public static void RequireId(string? value, string topic, string property) =>
        Require(DeviceId.IsValid(value), topic, property, "must be 1..64 characters of [A-Za-z0-9._-]");

    public static void RequireHex(string? value, string topic, string property) =>
        Require(value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'), topic, property, "must be 64 lowercase hex digits");

    /// <summary>
    /// A top-level string property of a payload that may be malformed elsewhere, or null: the
    /// payload is not a JSON object, the property is absent or not a string, or the JSON breaks
    /// before it is found.
    /// </summary>
    public static string? PeekString(ReadOnlySpan<byte> utf8, ReadOnlySpan<byte> property)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var found = reader.ValueTextEquals(property);
                reader.Read();
                if (found)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Broken before the property: nothing readable.
        }

        return null;
    }

    // The top-level "schema" number, read before the strict decode. Missing or not an integer: malformed.
    private static int PeekSchema(ReadOnlySpan<byte> utf8, string topic)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Malformed(topic, "the payload is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSchema = reader.ValueTextEquals("schema"u8);
                reader.Read();
                if (isSchema)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var schema)
                        ? schema
                        : throw Malformed(topic, "'schema' must be an integer");
                }

                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new FleetException(FleetError.MalformedPayload, $"{topic}: not JSON: {e.Message}", e);
        }

        throw Malformed(topic, "'schema' is missing");
    }
}
