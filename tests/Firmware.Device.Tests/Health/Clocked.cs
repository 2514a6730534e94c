using Microsoft.Extensions.Time.Testing;

namespace Firmware.Device.Tests.Health;

/// <summary>Moves a fake clock forward step by step until a task finishes: deadlines without sleeping.</summary>
internal static class Clocked
{
    // After each step the code under test gets real time to see the new time and set its next timer
    // before the clock moves again. On a loaded machine a bare Task.Yield is not enough: the clock
    // would race ahead of continuations still waiting for a thread, and a deadline would be seen late.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(20);

    public static async Task<T> RunAsync<T>(Task<T> task, FakeTimeProvider clock, TimeSpan step, int maxSteps = 2_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            clock.Advance(step);
            await Task.WhenAny(task, Task.Delay(Settle));
        }

        Assert.True(task.IsCompleted, $"still running after {maxSteps} steps of {step}");
        return await task;
    }
}
