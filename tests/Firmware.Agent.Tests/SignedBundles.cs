using Firmware.Bundles;
using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Agent.Tests;

/// <summary>A fresh trust file and a bundle of one "rootfs" payload for "test-board" signed under it, written to a scratch directory.</summary>
internal static class SignedBundles
{
    public const string Board = "test-board";

    /// <summary>Writes <c>trust.json</c> and <c>update.fwb</c> in <paramref name="directory"/>; returns the bundle's path.</summary>
    public static async Task<string> WriteAsync(string directory, byte[] image, string version)
    {
        using var root = SigningKey.Generate();
        using var release = SigningKey.Generate();
        var trust = TrustFile.Create(new TrustDocument
        {
            Type = TrustDocument.TypeName,
            Version = 1,
            Expires = DateTimeOffset.UtcNow.AddDays(30),
            Keys = [TrustKey.For(root.PublicKey), TrustKey.For(release.PublicKey)],
            Roles = new TrustRoles
            {
                Root = new RoleDefinition { KeyIds = [root.KeyId], Threshold = 1 },
                Release = new RoleDefinition { KeyIds = [release.KeyId], Threshold = 1 },
            },
        }, [root]);
        await File.WriteAllBytesAsync(Path.Combine(directory, "trust.json"), trust.Bytes.ToArray());
        using var stored = new MemoryStream();
        var entry = await PayloadEncoder.EncodeAsync("rootfs", new MemoryStream(image), stored, new PayloadEncoding());
        var manifest = new BundleManifest
        {
            Format = BundleManifest.CurrentFormat,
            Compatible = [Board],
            Version = version,
            Created = DateTimeOffset.UtcNow.AddMinutes(-1),
            Expires = DateTimeOffset.UtcNow.AddDays(1),
            Payloads = [entry],
        };
        var path = Path.Combine(directory, "update.fwb");
        await using var output = File.Create(path);
        await BundleWriter.WriteAsync(output, manifest, [release], [], _ => new MemoryStream(stored.ToArray()));
        return path;
    }
}
