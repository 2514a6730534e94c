namespace Firmware.Signing;

/// <summary>PEM text as Unix tools write it.</summary>
internal static class Pem
{
    /// <summary>
    /// NSec writes PEM lines ending in CRLF; OpenSSL and every Unix tool write LF. Keys are files
    /// people diff and compare with <c>openssl pkey -pubout</c>, so they use LF.
    /// </summary>
    public static byte[] WithUnixLineEndings(byte[] pem)
    {
        var output = new byte[pem.Length];
        var length = 0;
        foreach (var b in pem)
        {
            if (b != (byte)'\r')
            {
                output[length++] = b;
            }
        }

        return output[..length];
    }
}
