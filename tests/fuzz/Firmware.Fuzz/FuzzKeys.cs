using System.Text;
using Firmware.Bundles;
using Firmware.Signing;
using Firmware.Trust;
using Firmware.Versioning;
using NSec.Cryptography;

namespace Firmware.Fuzz;

/// <summary>
/// The fixed keys, trust file and verification policy every fuzz target and every corpus file
/// is built against. Keys come from constant 32-byte Ed25519 seeds and Ed25519 signatures are
/// deterministic, so the trust file is byte-for-byte the same on every run and a bundle signed
/// once stays valid for as long as these constants do. These keys protect nothing: they exist
/// only so the committed corpus can hold bundles that pass signature checks.
/// </summary>
public static class FuzzKeys
{
    /// <summary>The instant the fuzz policy verifies at (2023-11-14T22:13:20Z plus one day).</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddDays(1);

    /// <summary>The board the fuzz policy installs on.</summary>
    public const string Board = "fuzz-board";

    /// <summary>The installed version and floor of the fuzz policy.</summary>
    public const string InstalledVersion = "1.0.0";

    /// <summary>Root key of trust version 1 (and still a root key in version 2).</summary>
    public static SigningKey Root1 => Cache.Value.Root1;

    /// <summary>Root key added by the trust rotation to version 2.</summary>
    public static SigningKey Root2 => Cache.Value.Root2;

    /// <summary>Release key of trust version 1.</summary>
    public static SigningKey Release1 => Cache.Value.Release1;

    /// <summary>Release key of trust version 2.</summary>
    public static SigningKey Release2 => Cache.Value.Release2;

    /// <summary>The device's trust: version 1, root threshold 1 (<see cref="Root1"/>), release threshold 1 (<see cref="Release1"/>).</summary>
    public static TrustFile Trust => Cache.Value.Trust;

    /// <summary>The verification policy of the bundle target.</summary>
    public static VerificationPolicy Policy => Cache.Value.Policy;

    private static readonly Lazy<Material> Cache = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The trust document of <paramref name="version"/>, listing the given keys.</summary>
    public static TrustDocument Document(int version, IReadOnlyList<SigningKey> root, int rootThreshold, IReadOnlyList<SigningKey> release, DateTimeOffset expires) => new()
    {
        Type = TrustDocument.TypeName,
        Version = version,
        Expires = expires,
        Keys = root.Concat(release).DistinctBy(k => k.KeyId).Select(k => TrustKey.For(k.PublicKey)).ToList(),
        Roles = new TrustRoles
        {
            Root = new RoleDefinition { KeyIds = root.Select(k => k.KeyId).ToList(), Threshold = rootThreshold },
            Release = new RoleDefinition { KeyIds = release.Select(k => k.KeyId).ToList(), Threshold = 1 },
        },
    };

    /// <summary>Imports a raw 32-byte Ed25519 private key (RFC 8032 seed) as a <see cref="SigningKey"/>.</summary>
    public static SigningKey FromSeed(ReadOnlySpan<byte> seed)
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, parameters);
        return SigningKey.FromPem(key.Export(KeyBlobFormat.PkixPrivateKeyText));
    }

    // Seed n is the ASCII text "firmware fuzz key n" padded with '.' to 32 bytes: fixed and readable.
    private static SigningKey Seeded(int n)
    {
        var seed = Encoding.ASCII.GetBytes($"firmware fuzz key {n}".PadRight(32, '.'));
        return FromSeed(seed);
    }

    private static Material Build()
    {
        var root1 = Seeded(1);
        var root2 = Seeded(2);
        var release1 = Seeded(3);
        var release2 = Seeded(4);
        var trust = TrustFile.Create(Document(1, [root1], 1, [release1], Now.AddYears(10)), [root1]);
        var installed = FirmwareVersion.Parse(InstalledVersion);
        var policy = new VerificationPolicy
        {
            Trust = trust,
            Now = Now,
            Board = Board,
            InstalledVersion = installed,
            Floor = installed,
            Check = PayloadCheck.Full,
        };
        return new Material(root1, root2, release1, release2, trust, policy);
    }

    private sealed record Material(SigningKey Root1, SigningKey Root2, SigningKey Release1, SigningKey Release2, TrustFile Trust, VerificationPolicy Policy);
}
