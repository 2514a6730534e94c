using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Cli;

/// <summary>Reads keys and trust files from paths; the one place that turns file problems into CLI errors.</summary>
public static class KeyFiles
{
    /// <summary>Largest key file read.</summary>
    private const int MaxKeyFileBytes = 16 << 10;

    /// <summary>Reads a PKCS#8 PEM private key.</summary>
    public static SigningKey ReadSigningKey(string path)
    {
        var pem = ReadSmall(path, MaxKeyFileBytes);
        try
        {
            return SigningKey.FromPem(pem);
        }
        catch (FormatException e)
        {
            throw new KeyFileException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a public key: a PEM public key, or the public half of a PEM private key.</summary>
    public static VerificationKey ReadVerificationKey(string path)
    {
        var pem = ReadSmall(path, MaxKeyFileBytes);
        try
        {
            return VerificationKey.FromPem(pem);
        }
        catch (FormatException)
        {
            try
            {
                using var key = SigningKey.FromPem(pem);
                return key.PublicKey;
            }
            catch (FormatException e)
            {
                throw new KeyFileException($"{path}: neither an Ed25519 public key nor a private key in PEM form", e);
            }
        }
    }

    /// <summary>Reads and parses a trust file (structure only; callers establish trust).</summary>
    public static TrustFile ReadTrust(string path) => TrustFile.Parse(ReadSmall(path, TrustFile.MaxBytes + 1), path);

    /// <summary>Reads a whole small file, refusing one larger than <paramref name="limit"/>.</summary>
    public static byte[] ReadSmall(string path, int limit)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length > limit)
        {
            throw new IOException($"{path}: {stream.Length} bytes is larger than the {limit} expected");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
