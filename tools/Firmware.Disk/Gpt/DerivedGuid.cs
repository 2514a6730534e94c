using System.Security.Cryptography;
using System.Text;

namespace Firmware.Disk.Gpt;

/// <summary>
/// GUIDs derived from a seed instead of drawn at random, so that two builds of the same image give
/// the same disk and partition GUIDs (and therefore the same bytes), while different images, or
/// different partitions of one image, still get different ones. The first 16 bytes of
/// SHA-256(seed || 0x00 || purpose) are marked as an RFC 9562 version 8 (custom) GUID.
/// </summary>
public static class DerivedGuid
{
    /// <summary>The GUID for <paramref name="purpose"/> ("disk", a partition name) under <paramref name="seed"/>.</summary>
    public static Guid Create(ReadOnlySpan<byte> seed, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var purposeBytes = Encoding.UTF8.GetBytes(purpose);
        var input = new byte[seed.Length + 1 + purposeBytes.Length];
        seed.CopyTo(input);
        purposeBytes.CopyTo(input.AsSpan(seed.Length + 1));
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, digest);
        digest[6] = (byte)((digest[6] & 0x0F) | 0x80); // version 8
        digest[8] = (byte)((digest[8] & 0x3F) | 0x80); // variant 10
        return new Guid(digest[..16], bigEndian: true);
    }
}
