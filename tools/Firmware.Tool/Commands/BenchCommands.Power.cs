using System.CommandLine;
using Firmware.Bench.Lines;
using Firmware.Cli;

namespace Firmware.Tool.Commands;

// fwtool bench power on | off | cycle-reset
internal static partial class BenchCommands
{
    private static Command Power(TimeProvider clock) =>
        new("power", "Switch the board's supply, or reset it.")
        {
            PowerAction(clock, "on", "Switch the board on and leave it on.", async (power, _) =>
            {
                power.PowerOn();
                power.LeaveAsIs();
                await Task.CompletedTask;
                return $"power on (line {power.Wiring.Power})";
            }),
            PowerAction(clock, "off", "Switch the board off.", async (power, _) =>
            {
                power.PowerOff();
                await Task.CompletedTask;
                return $"power off (line {power.Wiring.Power})";
            }),
            PowerAction(clock, "cycle-reset", "Pulse the reset line; a board with none wired is power-cycled (off, settle time, on).", async (power, cancellationToken) =>
            {
                power.LeaveAsIs();
                if (power.Wiring.Reset is { } reset)
                {
                    await power.PulseResetAsync(cancellationToken);
                    return $"reset pulsed for {power.Wiring.ResetPulse.TotalMilliseconds:0} ms (line {reset})";
                }

                await power.PowerCycleAsync(cancellationToken);
                return $"power cycled with {power.Wiring.Settle.TotalMilliseconds:0} ms off (line {power.Wiring.Power})";
            }),
        };

    private static Command PowerAction(TimeProvider clock, string name, string description, Func<BoardPower, CancellationToken, Task<string>> act)
    {
        var board = new BoardOptions();
        var command = new Command(name, description);
        board.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, false, async () =>
        {
            var wiring = board.Load(result, required: true)!;
            using var power = new BoardPower(wiring, GpioDrivers.ForChip(wiring.GpioChip), clock);
            Console.WriteLine($"{wiring.Source}: {await act(power, cancellationToken)}");
            return ExitCodes.Ok;
        }, BenchFailures.Classify));
        return command;
    }
}
