using Firmware.Fleet.Host.Access;

namespace Firmware.Fleet.Host.Tests.Access;

[Trait("Category", "Unit")]
public sealed class TopicFilterTests
{
    [Theory]
    [InlineData("fw/v1/devices/a/job", "fw/v1/devices/a/job", true)]
    [InlineData("fw/v1/devices/a/job", "fw/v1/devices/b/job", false)]
    [InlineData("fw/v1/devices/a/job", "fw/v1/devices/+/job", false)]
    [InlineData("fw/v1/devices/a/job", "fw/v1/devices/a/#", false)]
    [InlineData("fw/v1/devices/a/job", "fw/v1/devices/a/job/x", false)]
    [InlineData("fw/v1/devices/a/job", "fw/v1/devices/a", false)]
    [InlineData("fw/v1/devices/#", "fw/v1/devices/+/state", true)]
    [InlineData("fw/v1/devices/#", "fw/v1/devices/#", true)]
    [InlineData("fw/v1/devices/#", "fw/v1/devices", true)]
    [InlineData("fw/v1/devices/#", "fw/v1/#", false)]
    [InlineData("fw/v1/devices/#", "#", false)]
    [InlineData("fw/v1/devices/#", "+/v1/devices/x", false)]
    [InlineData("fw/+/x", "fw/+/x", true)]
    [InlineData("fw/+/x", "fw/#", false)]
    public void Covers_matches_the_MQTT_wildcard_rules(string allowed, string filter, bool expected) =>
        Assert.Equal(expected, TopicFilter.Covers(allowed, filter));
}
