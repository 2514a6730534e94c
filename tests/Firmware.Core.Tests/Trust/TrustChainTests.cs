using Firmware.Bundles;
using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Core.Tests.Trust;

[Trait("Category", "Unit")]
public sealed class TrustChainTests : IDisposable
{
    private static readonly DateTimeOffset Now = TestKit.Epoch;
    private readonly SigningKey[] _roots = [TestKit.Key(), TestKit.Key(), TestKit.Key(), TestKit.Key()];
    private readonly SigningKey _release = TestKit.Key();

    /// <summary>Version n (1-4) has root key n-1 and is signed by it and by the previous root.</summary>
    private TrustFile Version(int n, DateTimeOffset? expires = null) =>
        TrustFile.Create(TestKit.Document(n, [_roots[n - 1]], 1, [_release], 1, expires),
            n == 1 ? [_roots[0]] : [_roots[n - 2], _roots[n - 1]]);

    [Fact]
    public void Three_rotations_in_a_row_advance_trust_to_the_last_version()
    {
        var result = TrustChain.Advance(Version(1), [Version(2), Version(3), Version(4)], Now);

        Assert.Equal(4, result.Version);
        Assert.Equal([_roots[3].KeyId], result.RootKeys.Keys);
    }

    [Fact]
    public void Rotations_given_out_of_order_are_applied_in_version_order()
    {
        var result = TrustChain.Advance(Version(1), [Version(4), Version(2), Version(3)], Now);

        Assert.Equal(4, result.Version);
    }

    [Fact]
    public void Files_at_or_below_the_current_version_are_ignored()
    {
        var current = Version(2);

        var result = TrustChain.Advance(current, [Version(1), Version(2), Version(3)], Now);

        Assert.Equal(3, result.Version);
    }

    [Fact]
    public void No_newer_files_leave_trust_as_it_is()
    {
        var current = Version(1);

        Assert.Same(current, TrustChain.Advance(current, [], Now));
    }

    [Fact]
    public void A_missing_step_in_the_chain_is_an_invalid_rotation()
    {
        var error = Assert.Throws<BundleException>(() => TrustChain.Advance(Version(1), [Version(2), Version(4)], Now));

        Assert.Equal(BundleError.TrustRotationInvalid, error.Error);
    }

    [Fact]
    public void A_step_signed_only_by_its_own_root_breaks_the_chain()
    {
        var forged = TrustFile.Create(TestKit.Document(3, [_roots[2]], 1, [_release], 1), [_roots[2]]);

        var error = Assert.Throws<BundleException>(() => TrustChain.Advance(Version(1), [Version(2), forged], Now));

        Assert.Equal(BundleError.TrustRotationInvalid, error.Error);
    }

    [Fact]
    public void An_expired_current_trust_is_recovered_by_a_current_rotation()
    {
        var result = TrustChain.Advance(Version(1, Now.AddDays(-1)), [Version(2, Now.AddDays(1))], Now);

        Assert.Equal(2, result.Version);
    }

    [Fact]
    public void An_expired_intermediate_version_does_not_stop_the_chain()
    {
        var result = TrustChain.Advance(Version(1), [Version(2, Now.AddDays(-1)), Version(3)], Now);

        Assert.Equal(3, result.Version);
    }

    [Fact]
    public void A_chain_that_ends_in_an_expired_version_is_expired()
    {
        var error = Assert.Throws<BundleException>(() => TrustChain.Advance(Version(1), [Version(2), Version(3, Now)], Now));

        Assert.Equal(BundleError.TrustExpired, error.Error);
    }

    public void Dispose()
    {
        foreach (var key in _roots)
        {
            key.Dispose();
        }

        _release.Dispose();
    }
}
