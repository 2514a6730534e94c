using Firmware.Bundles;
using Firmware.Signing;

namespace Firmware.Trust;

/// <summary>Semantic checks of a decoded <see cref="TrustDocument"/>.</summary>
internal static class TrustDocumentRules
{
    public static void Validate(TrustDocument document, string name)
    {
        Check(document.Type == TrustDocument.TypeName, $"type '{document.Type}' is not '{TrustDocument.TypeName}'");
        Check(document.Version >= 1, "version must be at least 1");
        Check(document.Keys.Count is > 0 and <= TrustFile.MaxKeys, $"a trust file lists 1 to {TrustFile.MaxKeys} keys");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Span<byte> raw = stackalloc byte[VerificationKey.RawLength + 1];
        foreach (var key in document.Keys)
        {
            Check(key.Algorithm == TrustKey.Ed25519, $"key {key.KeyId}: algorithm '{key.Algorithm}' is not '{TrustKey.Ed25519}'");
            Check(Convert.TryFromBase64String(key.Public, raw, out var written) && written == VerificationKey.RawLength,
                $"key {key.KeyId}: public key is not 32 bytes of base64");
            try
            {
                _ = new VerificationKey(raw[..written]);
            }
            catch (FormatException)
            {
                Check(false, $"key {key.KeyId}: not a valid Ed25519 public key");
            }

            Check(VerificationKey.ComputeKeyId(raw[..written]) == key.KeyId, $"key id {key.KeyId} is not the SHA-256 of its public key");
            Check(ids.Add(key.KeyId), $"key {key.KeyId} is listed twice");
        }

        ValidateRole(document.Roles.Root, "root", ids);
        ValidateRole(document.Roles.Release, "release", ids);

        void ValidateRole(RoleDefinition role, string roleName, HashSet<string> known)
        {
            Check(role.KeyIds.Count > 0, $"role {roleName} has no keys");
            Check(role.KeyIds.Distinct(StringComparer.Ordinal).Count() == role.KeyIds.Count, $"role {roleName} names a key twice");
            foreach (var id in role.KeyIds)
            {
                Check(known.Contains(id), $"role {roleName} names key {id}, which is not listed");
            }

            Check(role.Threshold >= 1 && role.Threshold <= role.KeyIds.Count,
                $"role {roleName} threshold {role.Threshold} is not between 1 and its {role.KeyIds.Count} key(s)");
        }

        void Check(bool condition, string message)
        {
            if (!condition)
            {
                throw new BundleException(BundleError.TrustMalformed, message, name);
            }
        }
    }
}
