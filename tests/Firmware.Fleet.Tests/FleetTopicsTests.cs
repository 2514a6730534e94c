namespace Firmware.Fleet.Tests;

[Trait("Category", "Unit")]
public sealed class FleetTopicsTests
{
    [Theory]
    [InlineData(FleetTopicKind.State, "fw/v1/devices/dev-1/state")]
    [InlineData(FleetTopicKind.Telemetry, "fw/v1/devices/dev-1/telemetry")]
    [InlineData(FleetTopicKind.Job, "fw/v1/devices/dev-1/job")]
    [InlineData(FleetTopicKind.Progress, "fw/v1/devices/dev-1/progress")]
    [InlineData(FleetTopicKind.ChunkRequest, "fw/v1/devices/dev-1/chunks/req")]
    [InlineData(FleetTopicKind.ChunkResponse, "fw/v1/devices/dev-1/chunks/res")]
    public void Builds_and_parses_every_topic(FleetTopicKind kind, string expected)
    {
        var topics = new FleetTopics();
        Assert.Equal(expected, topics.For("dev-1", kind));
        Assert.True(topics.TryParse(expected, out var parsed));
        Assert.Equal(new FleetTopic("dev-1", kind), parsed);
    }

    [Fact]
    public void A_custom_prefix_and_the_controller_wildcards()
    {
        var topics = new FleetTopics("site/a");
        Assert.Equal("site/a/v1/devices/x/job", topics.For("x", FleetTopicKind.Job));
        Assert.Equal("site/a/v1/devices/+/chunks/req", topics.AllDevices(FleetTopicKind.ChunkRequest));
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("a/b")]
    [InlineData("$SYS")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("dev 1")]
    [InlineData("dév")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Refuses_device_ids_outside_the_rule(string id)
    {
        var e = Assert.Throws<FleetException>(() => new FleetTopics().For(id, FleetTopicKind.State));
        Assert.Equal(FleetError.InvalidDeviceId, e.Error);
        Assert.False(DeviceId.IsValid(id));
    }

    [Fact]
    public void Accepts_the_longest_id() => Assert.True(DeviceId.IsValid(new string('a', 64)));

    [Theory]
    [InlineData("fw/v1/devices/+/state")]
    [InlineData("fw/v1/devices/a/b/state")]
    [InlineData("fw/v2/devices/a/state")]
    [InlineData("other/v1/devices/a/state")]
    [InlineData("fw/v1/devices/a/chunks")]
    [InlineData("fw/v1/devices/a/state/x")]
    [InlineData("fw/v1/devices//state")]
    public void Does_not_parse_foreign_or_malformed_topics(string topic) =>
        Assert.False(new FleetTopics().TryParse(topic, out _));

    [Theory]
    [InlineData("")]
    [InlineData("/fw")]
    [InlineData("fw/")]
    [InlineData("a//b")]
    [InlineData("fw/+")]
    [InlineData("fw/#")]
    [InlineData("$share")]
    public void Refuses_bad_prefixes(string prefix) =>
        Assert.Equal(FleetError.InvalidPrefix, Assert.Throws<FleetException>(() => new FleetTopics(prefix)).Error);

    [Fact]
    public void Expiry_per_topic_and_a_job_expires_at_its_deadline()
    {
        Assert.Null(FleetTopics.MessageExpiry(FleetTopicKind.State));
        Assert.Equal(60u, FleetTopics.MessageExpiry(FleetTopicKind.ChunkResponse));
        var now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3600u, FleetTopics.JobExpiry(now.AddHours(1), now));
        Assert.Equal(1u, FleetTopics.JobExpiry(now.AddHours(-1), now));
    }
}
