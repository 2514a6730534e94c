using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Tool.Authoring;

/// <summary>Builds trust documents: the first one, and rotations of an existing one.</summary>
public static class TrustAuthoring
{
    /// <summary>Creates and signs version 1; it must be signed by a threshold of its own root keys.</summary>
    /// <exception cref="Bundles.BundleException">The signers do not meet the root threshold.</exception>
    public static TrustFile Init(RoleMembers root, RoleMembers release, DateTimeOffset expires, IReadOnlyList<SigningKey> signers)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(release);
        var file = TrustFile.Create(Document(1, root, release, expires), signers);
        file.VerifySelfSigned();
        return file;
    }

    /// <summary>
    /// Creates version N+1 from <paramref name="current"/> with <paramref name="change"/> applied,
    /// signed by <paramref name="signers"/>, and checks it is a valid rotation before returning it.
    /// </summary>
    /// <exception cref="Bundles.BundleException">The result is not a valid rotation (the signers lack either threshold).</exception>
    public static TrustFile Rotate(TrustFile current, TrustChange change, DateTimeOffset expires, IReadOnlyList<SigningKey> signers)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(change);
        var root = Apply(current.RootKeys, current.Document.Roles.Root.Threshold, change.AddRoot, change.RemoveRoot, change.RootThreshold, "root");
        var release = Apply(current.ReleaseKeys, current.Document.Roles.Release.Threshold, change.AddRelease, change.RemoveRelease, change.ReleaseThreshold, "release");
        var next = TrustFile.Create(Document(current.Version + 1, root, release, expires), signers);
        current.VerifyRotationTo(next);
        return next;
    }

    private static RoleMembers Apply(IReadOnlyDictionary<string, VerificationKey> members, int threshold,
        IReadOnlyList<VerificationKey> add, IReadOnlyList<string> remove, int? newThreshold, string role)
    {
        var keys = members.Values.ToList();
        foreach (var id in remove)
        {
            if (keys.RemoveAll(k => k.KeyId == id) == 0)
            {
                throw new ArgumentException($"Key {id} is not a {role} key.", nameof(remove));
            }
        }

        keys.AddRange(add.Where(k => !keys.Contains(k)));
        return new RoleMembers(keys, newThreshold ?? Math.Min(threshold, keys.Count));
    }

    private static TrustDocument Document(int version, RoleMembers root, RoleMembers release, DateTimeOffset expires) => new()
    {
        Type = TrustDocument.TypeName,
        Version = version,
        Expires = expires,
        Keys = root.Keys.Concat(release.Keys).DistinctBy(k => k.KeyId).Select(TrustKey.For).ToList(),
        Roles = new TrustRoles
        {
            Root = new RoleDefinition { KeyIds = root.Keys.Select(k => k.KeyId).ToList(), Threshold = root.Threshold },
            Release = new RoleDefinition { KeyIds = release.Keys.Select(k => k.KeyId).ToList(), Threshold = release.Threshold },
        },
    };
}

/// <summary>The keys of a role and its threshold.</summary>
public sealed record RoleMembers(IReadOnlyList<VerificationKey> Keys, int Threshold);

/// <summary>Changes a rotation applies to the current trust.</summary>
public sealed record TrustChange
{
    /// <summary>Keys to add to the root role.</summary>
    public IReadOnlyList<VerificationKey> AddRoot { get; init; } = [];

    /// <summary>Key ids to remove from the root role.</summary>
    public IReadOnlyList<string> RemoveRoot { get; init; } = [];

    /// <summary>Keys to add to the release role.</summary>
    public IReadOnlyList<VerificationKey> AddRelease { get; init; } = [];

    /// <summary>Key ids to remove from the release role.</summary>
    public IReadOnlyList<string> RemoveRelease { get; init; } = [];

    /// <summary>New root threshold; null keeps the current one (capped at the new member count).</summary>
    public int? RootThreshold { get; init; }

    /// <summary>New release threshold; null keeps the current one (capped at the new member count).</summary>
    public int? ReleaseThreshold { get; init; }
}
