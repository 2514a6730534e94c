using Firmware.Bundles;

namespace Firmware.Signing;

/// <summary>
/// Decides whether a set of signatures meets a role's threshold. Each key counts once; a
/// signature by a key outside the role is ignored (it may belong to a key being rotated in),
/// but a signature by a key inside the role that fails to verify rejects the whole set, since
/// only tampering produces one.
/// </summary>
public static class ThresholdCheck
{
    /// <summary>Length of an Ed25519 signature.</summary>
    public const int SignatureLength = 64;

    /// <summary>Upper bound on signatures examined, so a hostile envelope cannot make verification slow.</summary>
    public const int MaxSignatures = 32;

    /// <summary>
    /// Throws unless at least <paramref name="threshold"/> distinct keys of <paramref name="roleKeys"/>
    /// signed <paramref name="preAuthEncoded"/>.
    /// </summary>
    /// <param name="preAuthEncoded">The DSSE pre-authentication encoding of the signed document.</param>
    /// <param name="signatures">The signatures to check.</param>
    /// <param name="roleKeys">The keys of the role, by key id.</param>
    /// <param name="threshold">How many distinct keys must have signed.</param>
    /// <param name="role">Role name, for messages.</param>
    /// <param name="entry">Entry or file name, for messages.</param>
    /// <returns>The key ids of the role members whose signatures verified.</returns>
    /// <exception cref="BundleException">The signatures are malformed, invalid or too few.</exception>
    public static IReadOnlyList<string> Require(ReadOnlySpan<byte> preAuthEncoded, IReadOnlyList<SignatureRecord> signatures,
        IReadOnlyDictionary<string, VerificationKey> roleKeys, int threshold, string role, string entry)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(roleKeys);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        if (signatures.Count > MaxSignatures)
        {
            throw new BundleException(BundleError.SignatureMalformed, $"{signatures.Count} signatures exceed the limit of {MaxSignatures}", entry);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<string>();
        var unknown = 0;
        Span<byte> signature = stackalloc byte[SignatureLength];
        foreach (var record in signatures)
        {
            if (!seen.Add(record.KeyId))
            {
                throw new BundleException(BundleError.DuplicateSigner, $"key {record.KeyId} signed more than once", entry);
            }

            if (!Convert.TryFromBase64String(record.Sig, signature, out var written) || written != SignatureLength ||
                Convert.ToBase64String(signature) != record.Sig)
            {
                throw new BundleException(BundleError.SignatureMalformed, $"signature by key {record.KeyId} is not 64 bytes of canonical base64", entry);
            }

            if (!roleKeys.TryGetValue(record.KeyId, out var key))
            {
                unknown++;
                continue;
            }

            if (!key.Verify(preAuthEncoded, signature))
            {
                throw new BundleException(BundleError.SignatureInvalid, $"signature by {role} key {record.KeyId} does not verify", entry);
            }

            valid.Add(record.KeyId);
        }

        if (valid.Count < threshold)
        {
            throw valid.Count == 0 && unknown > 0
                ? new BundleException(BundleError.UnknownSigner, $"no {role} key signed; {unknown} signature(s) by keys the trust file does not give that role", entry)
                : new BundleException(BundleError.ThresholdNotMet, $"{valid.Count} of the required {threshold} {role} key signature(s)", entry);
        }

        return valid;
    }
}
