namespace Firmware.Testing;

/// <summary>Waits for a condition that another thread or process (a connection, a runtime, a daemon) makes true, failing the test with what was awaited at the deadline. Shared by the test projects.</summary>
public static class Eventually
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
