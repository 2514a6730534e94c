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

    /// <summary>
    /// The same for a condition that has to be asked asynchronously (a controller's loop, an HTTP API);
    /// <paramref name="detail"/>, when given, adds what the test saw to the failure.
    /// </summary>
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan timeout, Func<string>? detail = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}. {detail?.Invoke()}");
            await Task.Delay(20);
        }
    }
}
