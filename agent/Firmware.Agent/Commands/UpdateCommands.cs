using System.CommandLine;
using Firmware.Cli;
using Firmware.Device.Boot;
using Firmware.Device.Slots;
using Firmware.Device.Updates;
using Firmware.Device.Updates.Checkpoints;

namespace Firmware.Agent.Commands;

/// <summary>
/// <c>fwagent install | status | commit | rollback</c>: thin commands over the update engine
/// (docs/agent.md). Each builds the engine from the device options, runs it, and prints the
/// checkpoint's view for people or as JSON.
/// </summary>
internal static partial class UpdateCommands
{
    private const string Program = "fwagent";

    public static IEnumerable<Command> Create(TimeProvider clock, HttpClient http) =>
        [Install(clock, http), Status(clock, http), Commit(clock, http), Rollback(clock, http)];

    private static Command Install(TimeProvider clock, HttpClient http)
    {
        var device = new DeviceOptions();
        var bundle = new Argument<string>("FILE|URL") { Description = "The bundle: a local file, or an http(s) URL (resumed with Range requests)." };
        var reboot = new Option<bool>("--reboot") { Description = "Reboot into the trial when the slot is written (otherwise reboot yourself)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("install", "Verify a bundle, write it to the inactive slot and arm a trial boot of it.") { bundle, reboot, json };
        device.AddTo(command);
        command.SetAction((result, cancellationToken) => Run(result.GetValue(json), async () =>
        {
            var rebooter = new AgentReboot(result.GetValue(reboot));
            var engine = device.Engine(result, new OperatorVerdict(healthy: false), rebooter, http, clock);
            engine.Offer(engine.Device.Sources.Parse(result.GetValue(bundle)!));
            await engine.RunAsync(cancellationToken);
            return Report(engine, result.GetValue(json), rebooter.Requested);
        }));
        return command;
    }

    private static Command Status(TimeProvider clock, HttpClient http)
    {
        var device = new DeviceOptions();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON." };
        var command = new Command("status", "Show the bootloader's state, the update in progress and the last outcomes.") { json };
        device.AddTo(command);
        command.SetAction((result, _) => Run(result.GetValue(json), () =>
        {
            var engine = device.Engine(result, new OperatorVerdict(healthy: false), new AgentReboot(false), http, clock);
            StatusReport.Write(engine, result.GetValue(json));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>Runs a command body with the agent's failure classes on top of the shared ones.</summary>
    private static Task<int> Run(bool json, Func<Task<int>> body) => CommandRunner.RunAsync(Program, json, body, e => e switch
    {
        InvalidOperationException => (AgentExitCodes.NoUpdate, e.Message),
        CheckpointException or BootControlException => (AgentExitCodes.DeviceState, e.Message),
        UpdateException update => (AgentExitCodes.UpdateFailed, update.Message),
        _ => null,
    });

    /// <summary>Prints where the update stands after a run; the exit code follows its outcome.</summary>
    private static int Report(UpdateEngine engine, bool json, bool rebootRequested)
    {
        StatusReport.Write(engine, json);
        var update = engine.Checkpoint.Update;
        if (update is { Finished: true } && engine.Checkpoint.Outbox.LastOrDefault(e => e.Id == update.Id) is { } outcome)
        {
            return outcome.Outcome switch
            {
                UpdateOutcome.Committed => ExitCodes.Ok,
                UpdateOutcome.RolledBack => AgentExitCodes.RolledBack,
                _ => AgentExitCodes.UpdateFailed,
            };
        }

        if (rebootRequested && !json)
        {
            Console.WriteLine($"reboot to continue: slot {update?.TargetSlot.Letter()} is armed for a trial boot");
        }

        return ExitCodes.Ok;
    }
}
