using System.Security.Cryptography;
using System.Text;

namespace Firmware.Fleet.Host.Credentials;

/// <summary>
/// Mosquitto's password hash, as <c>mosquitto_passwd</c> (2.x, <c>-H sha512-pbkdf2</c>, the
/// default) writes it: <c>$7$ITERATIONS$SALT$HASH</c>, where SALT is 12 random bytes and HASH the
/// 64-byte PBKDF2-HMAC-SHA512 (RFC 8018 §5.2) of the UTF-8 password, both in standard Base64 with
/// padding. Mosquitto's own default is 101 iterations; the format carries the count, so a higher
/// one stays readable by Mosquitto.
/// </summary>
public static class MosquittoPasswordHash
{
    /// <summary>The algorithm tag Mosquitto gives PBKDF2-SHA512.</summary>
    public const string Tag = "$7$";

    /// <summary>The salt length mosquitto_passwd uses.</summary>
    public const int SaltLength = 12;

    /// <summary>The hash length (SHA-512's output).</summary>
    public const int HashLength = 64;

    /// <summary>The iteration count this toolkit writes (Mosquitto writes 101; it reads any).</summary>
    public const int DefaultIterations = 1000;

    /// <summary>The hash of <paramref name="password"/> with a fresh random salt.</summary>
    public static string Create(string password, int iterations = DefaultIterations) =>
        Create(password, RandomNumberGenerator.GetBytes(SaltLength), iterations);

    /// <summary>The hash of <paramref name="password"/> with the given salt (deterministic, for tests and golden vectors).</summary>
    public static string Create(string password, ReadOnlySpan<byte> salt, int iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (salt.IsEmpty)
        {
            throw new ArgumentException("the salt is empty", nameof(salt));
        }

        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashLength);
        return $"{Tag}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>
    /// True when <paramref name="encoded"/> is a well-formed <c>$7$</c> hash of <paramref name="password"/>;
    /// false for a wrong password and for anything malformed (the caller cannot tell them apart, on purpose).
    /// </summary>
    public static bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(encoded);
        if (!TryDecode(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>True when <paramref name="encoded"/> has the <c>$7$</c> shape with a sane iteration count, salt and hash.</summary>
    public static bool IsWellFormed(string encoded) => TryDecode(encoded, out _, out _, out _);

    private static bool TryDecode(string encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        if (!encoded.StartsWith(Tag, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = encoded[Tag.Length..].Split('$');
        if (parts.Length != 3
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out iterations)
            || iterations is < 1 or > 10_000_000)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[1]);
            hash = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length > 0 && hash.Length == HashLength;
    }
}
