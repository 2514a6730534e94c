using System.CommandLine;
using Firmware.Device.Updates;

namespace Firmware.Agent.Commands;

/// <content><c>fwagent commit</c> and <c>fwagent rollback</c>: the operator's verdict on a trial.</content>
internal static partial class UpdateCommands
{
    private static Command Commit(TimeProvider clock, HttpClient http) =>
        Verdict("commit", "Commit the trial that is running: the new slot becomes primary.", healthy: true, clock, http);

    private static Command Rollback(TimeProvider clock, HttpClient http) =>
        Verdict("rollback", "Roll the update back: disarm the new slot, or leave the trial for the old slot.", healthy: false, clock, http);

    private static Command Verdict(string name, string description, bool healthy, TimeProvider clock, HttpClient http)
    {
        var device = new DeviceOptions();
        var reboot = new Option<bool>("--reboot") { Description = "Reboot when the decision needs it (otherwise reboot yourself)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command(name, description) { reboot, json };
        device.AddTo(command);
        command.SetAction((result, cancellationToken) => Run(result.GetValue(json), async () =>
        {
            var rebooter = new AgentReboot(result.GetValue(reboot));
            var engine = device.Engine(result, new OperatorVerdict(healthy), rebooter, http, clock);
            var update = engine.Checkpoint.Update is { Finished: false } current ? current : throw new InvalidOperationException("no update is in progress");
            var onTrial = update.State is UpdateStateName.Rebooting or UpdateStateName.Trial && engine.Device.Booted == update.TargetSlot;
            if (!onTrial)
            {
                if (healthy)
                {
                    throw new InvalidOperationException($"no trial is running: update {update.Id} is {update.State} and slot {engine.Device.Booted} booted");
                }

                engine.Cancel("rolled back by the operator");
            }

            await engine.RunAsync(cancellationToken);
            return Report(engine, result.GetValue(json), rebooter.Requested);
        }));
        return command;
    }
}
