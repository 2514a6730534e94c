using System.Globalization;
using System.Text;

namespace Firmware.Signing;

/// <summary>
/// DSSE pre-authentication encoding (github.com/secure-systems-lab/dsse, protocol.md):
/// <c>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, lengths in ASCII decimal.
/// Every signature in the product covers this encoding, never raw bytes, so a signature made
/// for one kind of document can never be replayed as another (the type binds it).
/// </summary>
public static class PreAuthEncoding
{
    /// <summary>Payload type of bundle manifests.</summary>
    public const string ManifestType = "application/vnd.fwtool.manifest.v1+json";

    /// <summary>Payload type of trust documents.</summary>
    public const string TrustType = "application/vnd.fwtool.trust.v1+json";

    /// <summary>Encodes <paramref name="body"/> under <paramref name="payloadType"/>.</summary>
    public static byte[] Encode(string payloadType, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(payloadType);
        var head = string.Create(CultureInfo.InvariantCulture,
            $"DSSEv1 {Encoding.UTF8.GetByteCount(payloadType)} {payloadType} {body.Length} ");
        var headBytes = Encoding.UTF8.GetBytes(head);
        var result = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(result, 0);
        body.CopyTo(result.AsSpan(headBytes.Length));
        return result;
    }
}
