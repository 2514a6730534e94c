using Firmware.Bundles;
using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Core.Tests;

/// <summary>Keys, trust files and bundles for tests, made in memory.</summary>
internal static class TestKit
{
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static SigningKey Key() => SigningKey.Generate();

    public static TrustDocument Document(int version, IReadOnlyList<SigningKey> root, int rootThreshold, IReadOnlyList<SigningKey> release, int releaseThreshold, DateTimeOffset? expires = null) => new()
    {
        Type = TrustDocument.TypeName,
        Version = version,
        Expires = expires ?? Epoch.AddDays(365),
        Keys = root.Concat(release).DistinctBy(k => k.KeyId).Select(k => new TrustKey
        {
            KeyId = k.KeyId,
            Algorithm = "ed25519",
            Public = Convert.ToBase64String(k.PublicKey.Raw),
        }).ToList(),
        Roles = new TrustRoles
        {
            Root = new RoleDefinition { KeyIds = root.Select(k => k.KeyId).ToList(), Threshold = rootThreshold },
            Release = new RoleDefinition { KeyIds = release.Select(k => k.KeyId).ToList(), Threshold = releaseThreshold },
        },
    };

    public static byte[] Random(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Builds a bundle in memory.</summary>
    public static byte[] Bundle(IReadOnlyList<SigningKey> signers, IReadOnlyDictionary<string, byte[]> payloads,
        string version = "1.0.0", string[]? boards = null, string? minVersion = null, IReadOnlyList<TrustFile>? trust = null,
        DateTimeOffset? expires = null, PayloadEncoding? encoding = null)
    {
        encoding ??= new PayloadEncoding();
        var stored = new Dictionary<string, byte[]>();
        var manifests = new List<PayloadManifest>();
        foreach (var (name, data) in payloads)
        {
            using var output = new MemoryStream();
            manifests.Add(PayloadEncoder.EncodeAsync(name, new MemoryStream(data), output, encoding).GetAwaiter().GetResult());
            stored[name] = output.ToArray();
        }

        var manifest = new BundleManifest
        {
            Format = BundleManifest.CurrentFormat,
            Compatible = boards ?? ["test-board"],
            Version = version,
            MinVersion = minVersion,
            Created = Epoch,
            Expires = expires ?? Epoch.AddDays(90),
            Trust = trust?.Select(t => new TrustReference { Version = t.Version, Sha256 = t.Sha256 }).ToList(),
            Payloads = manifests,
        };
        using var bundle = new MemoryStream();
        BundleWriter.WriteAsync(bundle, manifest, signers, trust ?? [], p => new MemoryStream(stored[p.Name])).GetAwaiter().GetResult();
        return bundle.ToArray();
    }
}
