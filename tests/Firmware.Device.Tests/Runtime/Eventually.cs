namespace Firmware.Device.Tests.Runtime;

/// <summary>Waits for a condition that another thread (a connection, a runtime) makes true, failing the test with what was awaited at the deadline.</summary>
internal static class Eventually
{
    public static async Task Until(Func<bool> condition, string what, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
