using Firmware.Device.Config;
using Firmware.Device.Led;

namespace Firmware.Agent.Commands;

/// <summary>The status LED agent.yml configures, running until stopped; disabled with a message (never failing the agent) when the GPIO chip cannot be opened.</summary>
internal static class AgentLed
{
    public static (IStatusLed? Led, Task Running) Start(AgentConfig agent, LedState initial, TimeProvider clock, CancellationToken stop)
    {
        if (agent.Led is not { } line)
        {
            return (null, Task.CompletedTask);
        }

        if (GpioLed.TryOpen(line, out var problem) is not { } gpio)
        {
            Console.Error.WriteLine($"{AgentOptions.Program}: status LED disabled: {problem}");
            return (null, Task.CompletedTask);
        }

        var led = new StatusLed(gpio, line, initial, clock);
        return (led, Task.Run(async () =>
        {
            using (gpio)
            {
                await led.RunAsync(stop);
            }
        }, CancellationToken.None));
    }
}
