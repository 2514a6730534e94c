using System.Device.Gpio;
using Firmware.Bench.Wiring;

namespace Firmware.Bench.Tests.Wiring;

[Trait("Category", "Unit")]
public sealed class GpioLineTests
{
    [Theory]
    [InlineData(false, true, 1)]
    [InlineData(false, false, 0)]
    [InlineData(true, true, 0)]
    [InlineData(true, false, 1)]
    public void Levels_follow_the_polarity(bool activeLow, bool asserted, int level)
    {
        Assert.Equal(level == 1 ? PinValue.High : PinValue.Low, new GpioLine(4, activeLow).Level(asserted));
    }
}
