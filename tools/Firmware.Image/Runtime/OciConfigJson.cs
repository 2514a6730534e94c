using System.Text.Encodings.Web;
using System.Text.Json;
using Firmware.Image.Runtime.Oci;

namespace Firmware.Image.Runtime;

/// <summary>Writes config.json: source-generated, indented, nulls left out, a final newline. Equal configs give equal bytes.</summary>
public static class OciConfigJson
{
    // Quotes and '>' stay as they are: config.json is read by people and runc, never embedded in HTML.
    private static readonly OciJsonContext Context = new(new JsonSerializerOptions(OciJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The bytes of config.json for <paramref name="config"/>.</summary>
    public static byte[] Serialize(OciSpec config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var json = JsonSerializer.SerializeToUtf8Bytes(config, Context.OciSpec);
        return [.. json, (byte)'\n'];
    }

    /// <summary>Writes config.json for <paramref name="config"/> to <paramref name="stream"/>.</summary>
    public static void Write(OciSpec config, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Serialize(config));
    }
}
