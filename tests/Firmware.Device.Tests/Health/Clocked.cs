using Microsoft.Extensions.Time.Testing;

namespace Firmware.Device.Tests.Health;

/// <summary>Moves a fake clock forward step by step until a task finishes: deadlines without sleeping.</summary>
internal static class Clocked
{
    public static async Task<T> RunAsync<T>(Task<T> task, FakeTimeProvider clock, TimeSpan step, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            clock.Advance(step);
            await Task.Yield();
        }

        Assert.True(task.IsCompleted, $"still running after {maxSteps} steps of {step}");
        return await task;
    }
}
