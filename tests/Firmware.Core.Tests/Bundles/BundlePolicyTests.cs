using Firmware.Bundles;
using Firmware.Versioning;

namespace Firmware.Core.Tests.Bundles;

/// <summary>Authentic bundles that this device must not install are refused with a policy code.</summary>
[Trait("Category", "Malformed")]
public sealed class BundlePolicyTests(Scenario scenario) : IClassFixture<Scenario>
{
    [Fact]
    public async Task A_bundle_for_another_board_is_incompatible()
    {
        var policy = scenario.Policy with { Board = "other-board" };

        var error = await TestKit.RejectedAsync(scenario.Bundle, policy);

        Assert.Equal(BundleError.IncompatibleBoard, error.Error);
        Assert.Equal(BundleEntryNames.Manifest, error.Entry);
    }

    [Fact]
    public async Task A_board_name_differing_only_in_case_is_incompatible()
    {
        var error = await TestKit.RejectedAsync(scenario.Bundle, scenario.Policy with { Board = "Test-Board" });

        Assert.Equal(BundleError.IncompatibleBoard, error.Error);
    }

    [Fact]
    public async Task A_bundle_below_the_installed_version_is_a_downgrade()
    {
        var policy = scenario.Policy with { InstalledVersion = FirmwareVersion.Parse("1.0.1") };

        var error = await TestKit.RejectedAsync(scenario.Bundle, policy);

        Assert.Equal(BundleError.Downgrade, error.Error);
    }

    [Fact]
    public async Task A_release_is_a_downgrade_from_a_later_patch_even_with_build_metadata()
    {
        var policy = scenario.Policy with { InstalledVersion = FirmwareVersion.Parse("1.0.1+build.7") };

        var error = await TestKit.RejectedAsync(scenario.Bundle, policy);

        Assert.Equal(BundleError.Downgrade, error.Error);
    }

    [Fact]
    public async Task The_installed_version_itself_is_not_a_downgrade()
    {
        var result = await TestKit.ReadAsync(scenario.Bundle, scenario.Policy with { InstalledVersion = FirmwareVersion.Parse("1.0.0") });

        Assert.True(result.Completed);
    }

    [Fact]
    public async Task A_release_is_not_a_downgrade_from_its_own_pre_release()
    {
        var result = await TestKit.ReadAsync(scenario.Bundle, scenario.Policy with { InstalledVersion = FirmwareVersion.Parse("1.0.0-rc.1") });

        Assert.True(result.Completed);
    }

    [Fact]
    public async Task A_bundle_below_the_anti_rollback_floor_is_refused()
    {
        var policy = scenario.Policy with { Floor = FirmwareVersion.Parse("1.1.0") };

        var error = await TestKit.RejectedAsync(scenario.Bundle, policy);

        Assert.Equal(BundleError.BelowFloor, error.Error);
    }

    [Fact]
    public async Task A_bundle_at_the_floor_is_accepted()
    {
        var result = await TestKit.ReadAsync(scenario.Bundle, scenario.Policy with { Floor = FirmwareVersion.Parse("1.0.0") });

        Assert.True(result.Completed);
    }

    [Fact]
    public async Task A_bundle_at_its_expiry_instant_has_expired()
    {
        var error = await TestKit.RejectedAsync(scenario.Bundle, TestKit.Policy(scenario.Trust, scenario.Manifest.Expires));

        Assert.Equal(BundleError.BundleExpired, error.Error);
        Assert.Equal(BundleEntryNames.Manifest, error.Entry);
    }

    [Fact]
    public async Task A_bundle_just_before_its_expiry_is_accepted()
    {
        var result = await TestKit.ReadAsync(scenario.Bundle, TestKit.Policy(scenario.Trust, scenario.Manifest.Expires.AddSeconds(-1)));

        Assert.True(result.Completed);
    }

    [Fact]
    public async Task Policy_is_checked_only_after_the_signatures_so_a_forged_bundle_never_reports_policy()
    {
        using var stranger = TestKit.Key();
        var bundle = scenario.Write(scenario.Manifest, [stranger], [scenario.Trust2]);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy with { Board = "other-board" });

        Assert.Equal(BundleError.UnknownSigner, error.Error);
    }
}
