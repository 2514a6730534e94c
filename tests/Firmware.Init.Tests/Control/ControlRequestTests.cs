using Firmware.Init.Control;
using Firmware.Init.Shutdown;

namespace Firmware.Init.Tests.Control;

[Trait("Category", "Unit")]
public sealed class ControlRequestTests
{
    [Theory]
    [InlineData("reboot", RebootKind.Reboot)]
    [InlineData("reboot tryboot", RebootKind.RebootTryboot)]
    [InlineData("poweroff", RebootKind.PowerOff)]
    public void The_shutdown_requests_name_their_reboot(string line, RebootKind kind)
    {
        Assert.Equal(kind, ControlRequest.Parse(line)!.Shutdown);
    }

    [Fact]
    public void Status_is_a_request_that_shuts_nothing_down()
    {
        Assert.Null(ControlRequest.Parse("status")!.Shutdown);
    }

    [Theory]
    [InlineData("")]
    [InlineData("REBOOT")]
    [InlineData(" reboot")]
    [InlineData("reboot ")]
    [InlineData("reboot\r")]
    [InlineData("reboot  tryboot")]
    [InlineData("reboot 0 tryboot")]
    [InlineData("halt")]
    public void Anything_else_is_unknown(string line)
    {
        Assert.Null(ControlRequest.Parse(line));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1000, false)]
    [InlineData(65534, false)]
    public void Only_uid_0_may_control_the_init(int uid, bool allowed)
    {
        Assert.Equal(allowed, new PeerCredentials(42, uid, uid).MayControl);
    }
}
