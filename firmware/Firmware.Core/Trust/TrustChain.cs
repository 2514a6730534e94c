using Firmware.Bundles;

namespace Firmware.Trust;

/// <summary>
/// Moves a device's trust forward through newer trust files, one version at a time, as TUF
/// clients update root metadata. The device's current trust may have expired (rotation is how
/// it recovers); the trust it ends with may not.
/// </summary>
public static class TrustChain
{
    /// <summary>
    /// Applies every file in <paramref name="newer"/> whose version exceeds the current one, in
    /// order, and returns the resulting trust. Files at or below the current version are ignored.
    /// </summary>
    /// <exception cref="BundleException">A rotation is invalid, or the resulting trust has expired.</exception>
    public static TrustFile Advance(TrustFile current, IEnumerable<TrustFile> newer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(newer);
        foreach (var next in newer.OrderBy(t => t.Version))
        {
            if (next.Version <= current.Version)
            {
                continue;
            }

            current.VerifyRotationTo(next);
            current = next;
        }

        current.EnsureCurrent(now);
        return current;
    }
}
