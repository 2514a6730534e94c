using System.CommandLine;
using System.Text.Json;
using Firmware.Cli;
using Firmware.Fleet.Controller.Api;
using Firmware.Fleet.Controller.Rollouts;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool rollout start|status|pause|resume|abort</c>: rollouts on the running controller (docs/fleet.md, "Rollouts").</summary>
internal static class RolloutCommands
{
    private const string Program = "fwtool";

    public static Command Create(TimeProvider clock) =>
        new("rollout", "Staged rollouts of a bundle on the running controller.") { Start(), Status(clock), Act("pause", "Pause: no new installs; jobs in flight go on."), Act("resume", "Resume a paused rollout."), Act("abort", "Abort: no new installs, devices in their trial roll back, downloads are cancelled.") };

    private static Command Start()
    {
        var bundle = new Argument<string>("BUNDLE") { Description = "The bundle (.fwb) to roll out; the controller verifies and stores it." };
        var target = new Option<string?>("--target") { Description = "board=X,tag=Y,version=Z,devices=a,b: every condition must hold (default: every compatible device)." };
        var waves = new Option<string>("--waves") { Description = "Cumulative wave sizes, counts or percentages of the targets: 1,10%,100%.", Required = true };
        var maxFailures = new Option<string>("--max-failures") { Description = "Failures (count or % of targets) past which the rollout aborts by itself.", DefaultValueFactory = _ => "0" };
        var success = new Option<string>("--success") { Description = "Share of a wave that must commit for the next wave to start.", DefaultValueFactory = _ => "100%" };
        var soak = new Option<string>("--soak") { Description = "After each wave, how long its devices' health must stay good: 90s, 2m, 1h.", DefaultValueFactory = _ => "0s" };
        var maxConcurrent = new Option<int?>("--max-concurrent") { Description = "Installs in flight at most." };
        var deadline = new Option<string>("--deadline") { Description = "How long each device has to finish its job.", DefaultValueFactory = _ => "24h" };
        var json = new Option<bool>("--json") { Description = "The rollout as JSON." };
        var url = ControllerOption.Create();
        var command = new Command("start", "Upload a bundle to the controller and start rolling it out in waves.")
        {
            bundle, target, waves, maxFailures, success, soak, maxConcurrent, deadline, json, url,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, result.GetValue(json), async () =>
        {
            var request = new RolloutRequest
            {
                BundleId = new string('0', 64),
                Target = result.GetValue(target),
                Waves = result.GetValue(waves)!,
                MaxFailures = result.GetValue(maxFailures)!,
                Success = result.GetValue(success)!,
                Soak = result.GetValue(soak)!,
                MaxConcurrent = result.GetValue(maxConcurrent),
                Deadline = result.GetValue(deadline)!,
            };

            // The same parser as the controller's, first here: garbage is refused before the upload.
            try
            {
                request.ToSpec();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(RolloutArguments.Describe(e));
            }
            using var client = ControllerOption.Client(result, url);
            await using var file = File.OpenRead(result.GetValue(bundle)!);
            var stored = await client.AddBundleAsync(file, cancellationToken);
            var rollout = await client.StartAsync(request with { BundleId = stored.Id }, cancellationToken);
            Print(rollout, result.GetValue(json));
            return ExitCodes.Ok;
        }, ControllerOption.Classify));
        return command;
    }

    private static Command Status(TimeProvider clock)
    {
        var id = new Argument<string?>("ID") { Description = "The rollout (default: a table of every rollout).", Arity = ArgumentArity.ZeroOrOne };
        var watch = new Option<bool>("--watch") { Description = "Refresh every second until the rollout ends." };
        var json = new Option<bool>("--json") { Description = "As JSON." };
        var url = ControllerOption.Create();
        var command = new Command("status", "Show rollouts: state, wave, devices committed and failed against the budget.") { id, watch, json, url };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, result.GetValue(json), async () =>
        {
            using var client = ControllerOption.Client(result, url);
            if (result.GetValue(id) is not { } rolloutId)
            {
                var all = await client.RolloutsAsync(cancellationToken);
                if (result.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(all, ApiJsonContext.Default.RolloutViewArray));
                }
                else
                {
                    FleetTables.Rollouts(all).ToList().ForEach(Console.WriteLine);
                }

                return ExitCodes.Ok;
            }

            var view = new LiveView();
            while (true)
            {
                var rollout = await client.RolloutAsync(rolloutId, cancellationToken);
                if (!result.GetValue(watch) || result.GetValue(json))
                {
                    Print(rollout, result.GetValue(json));
                    return ExitCodes.Ok;
                }

                view.Show([.. FleetTables.Rollout(rollout), .. rollout.Jobs.Select(j => $"  {j.Device,-20} {j.Action,-8} wave {j.Wave + 1,-3} {j.State,-12} {(j.ChunksTotal > 0 ? FleetTables.Bar(j.ChunksDone, j.ChunksTotal) : "")} {j.Error}")]);
                if (rollout.State is "completed" or "aborted")
                {
                    return ExitCodes.Ok;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
            }
        }, ControllerOption.Classify));
        return command;
    }

    private static Command Act(string verb, string description)
    {
        var id = new Argument<string>("ID") { Description = "The rollout." };
        var url = ControllerOption.Create();
        var command = new Command(verb, description) { id, url };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, false, async () =>
        {
            using var client = ControllerOption.Client(result, url);
            Print(await client.ActAsync(result.GetValue(id)!, verb, cancellationToken), json: false);
            return ExitCodes.Ok;
        }, ControllerOption.Classify));
        return command;
    }

    private static void Print(RolloutView rollout, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rollout, ApiJsonContext.Default.RolloutView));
        }
        else
        {
            FleetTables.Rollout(rollout).ToList().ForEach(Console.WriteLine);
        }
    }
}
