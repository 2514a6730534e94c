using Firmware.Signing;

namespace Firmware.Trust;

/// <summary>
/// The signed content of a trust file: which keys exist, which roles they hold, how many of each
/// role must sign, how long this trust holds, and its version (rotations go up by one).
/// </summary>
public sealed record TrustDocument
{
    /// <summary>Document type marker; always <see cref="TypeName"/>.</summary>
    public const string TypeName = "fwtool-trust";

    /// <summary>Always <see cref="TypeName"/>.</summary>
    public required string Type { get; init; }

    /// <summary>Version, from 1; a rotation produces version N+1.</summary>
    public required int Version { get; init; }

    /// <summary>After this instant the trust file no longer vouches for anything.</summary>
    public required DateTimeOffset Expires { get; init; }

    /// <summary>Every key any role names.</summary>
    public required IReadOnlyList<TrustKey> Keys { get; init; }

    /// <summary>The roles.</summary>
    public required TrustRoles Roles { get; init; }
}

/// <summary>A public key listed in a trust file.</summary>
public sealed record TrustKey
{
    /// <summary>The one algorithm trust files name.</summary>
    public const string Ed25519 = "ed25519";

    /// <summary>Describes <paramref name="key"/> as a trust file lists it.</summary>
    public static TrustKey For(VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new TrustKey { KeyId = key.KeyId, Algorithm = Ed25519, Public = Convert.ToBase64String(key.Raw) };
    }

    /// <summary>Lowercase hex SHA-256 of the raw public key; must match <see cref="Public"/>.</summary>
    public required string KeyId { get; init; }

    /// <summary>Always <c>ed25519</c>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>Base64 of the raw 32-byte public key.</summary>
    public required string Public { get; init; }
}

/// <summary>The two roles: root signs trust files, release signs bundles.</summary>
public sealed record TrustRoles
{
    /// <summary>Keys that sign trust files (and rotations).</summary>
    public required RoleDefinition Root { get; init; }

    /// <summary>Keys that sign bundle manifests.</summary>
    public required RoleDefinition Release { get; init; }
}

/// <summary>The keys of a role and how many of them must sign.</summary>
public sealed record RoleDefinition
{
    /// <summary>Key ids of the role's members.</summary>
    public required IReadOnlyList<string> KeyIds { get; init; }

    /// <summary>Distinct member signatures required, from 1 to the member count.</summary>
    public required int Threshold { get; init; }
}
