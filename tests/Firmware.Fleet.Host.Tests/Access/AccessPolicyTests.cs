using Firmware.Fleet.Host.Access;

namespace Firmware.Fleet.Host.Tests.Access;

[Trait("Category", "Unit")]
public sealed class AccessPolicyTests
{
    private readonly AccessPolicy _policy = new("fw", ["controller"]);

    [Theory]
    [InlineData("state")]
    [InlineData("telemetry")]
    [InlineData("progress")]
    [InlineData("chunks/req")]
    public void A_device_publishes_its_own_device_topics_only(string leaf)
    {
        Assert.True(_policy.MayPublish("dev-a", $"fw/v1/devices/dev-a/{leaf}"));
        Assert.False(_policy.MayPublish("dev-a", $"fw/v1/devices/dev-b/{leaf}"));
        Assert.False(_policy.MaySubscribe("dev-a", $"fw/v1/devices/dev-a/{leaf}"));
    }

    [Theory]
    [InlineData("job")]
    [InlineData("chunks/res")]
    public void A_device_reads_its_own_job_and_chunks_only(string leaf)
    {
        Assert.True(_policy.MaySubscribe("dev-a", $"fw/v1/devices/dev-a/{leaf}"));
        Assert.False(_policy.MayPublish("dev-a", $"fw/v1/devices/dev-a/{leaf}"));
        Assert.False(_policy.MaySubscribe("dev-a", $"fw/v1/devices/dev-b/{leaf}"));
        Assert.False(_policy.MaySubscribe("dev-a", $"fw/v1/devices/+/{leaf}"));
    }

    [Theory]
    [InlineData("#")]
    [InlineData("fw/#")]
    [InlineData("fw/v1/devices/dev-a/#")]
    [InlineData("$SYS/#")]
    [InlineData("fw/v1/devices/dev-a/+")]
    public void A_device_cannot_widen_with_wildcards(string filter) => Assert.False(_policy.MaySubscribe("dev-a", filter));

    [Fact]
    public void The_controller_reads_and_writes_the_devices_subtree_and_nothing_else()
    {
        Assert.True(_policy.MaySubscribe("controller", "fw/v1/devices/+/state"));
        Assert.True(_policy.MayPublish("controller", "fw/v1/devices/dev-a/job"));
        Assert.False(_policy.MaySubscribe("controller", "#"));
        Assert.False(_policy.MayPublish("controller", "fw/v2/devices/dev-a/job"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void Anonymous_or_unusable_usernames_get_nothing(string? user)
    {
        Assert.False(_policy.MayPublish(user, $"fw/v1/devices/{user}/state"));
        Assert.False(_policy.MaySubscribe(user, "fw/v1/devices/+/job"));
    }

    [Fact]
    public void A_multi_level_prefix_is_honoured()
    {
        var policy = new AccessPolicy("site/a", ["ctl"]);
        Assert.True(policy.MayPublish("d1", "site/a/v1/devices/d1/state"));
        Assert.False(policy.MayPublish("d1", "fw/v1/devices/d1/state"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fw/")]
    [InlineData("/fw")]
    [InlineData("fw/+")]
    [InlineData("$fw")]
    public void Bad_prefixes_are_refused(string prefix) =>
        Assert.Equal("prefix", Assert.Throws<ArgumentException>(() => new AccessPolicy(prefix, ["controller"])).ParamName);

    [Fact]
    public void The_ACL_file_carries_every_rule()
    {
        var text = AclFile.Write(_policy);
        Assert.Contains("pattern write fw/v1/devices/%u/state\n", text, StringComparison.Ordinal);
        Assert.Contains("pattern write fw/v1/devices/%u/chunks/req\n", text, StringComparison.Ordinal);
        Assert.Contains("pattern read fw/v1/devices/%u/job\n", text, StringComparison.Ordinal);
        Assert.Contains("pattern read fw/v1/devices/%u/chunks/res\n", text, StringComparison.Ordinal);
        Assert.Contains("user controller\ntopic readwrite fw/v1/devices/#\n", text, StringComparison.Ordinal);
        Assert.Equal(6, text.Split('\n').Count(l => l.StartsWith("pattern ", StringComparison.Ordinal)));
    }
}
