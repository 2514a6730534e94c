using System.CommandLine;
using Firmware.Cli;
using Firmware.Device;
using Firmware.Device.Boot;
using Firmware.Device.Config;
using Firmware.Device.Led;
using Firmware.Device.Runtime;
using Firmware.Device.Slots;
using Firmware.Device.Updates.Checkpoints;
using Firmware.Versioning;

namespace Firmware.Agent.Commands;

/// <summary>
/// <c>fwagent run</c>: the daemon. Composes the device agent.yml describes, resumes the update
/// engine from its checkpoint (a trial boot meets the health gate), keeps the fleet link up when a
/// broker is configured, and prints <c>fwagent: ready (...)</c> once it is running; SIGTERM stops
/// it cleanly with exit 0 (docs/agent.md, "The daemon").
/// </summary>
internal static class RunCommand
{
    public static Command Create(TimeProvider clock, HttpClient http)
    {
        var config = AgentOptions.Config();
        var proc = new Option<string>("--proc") { Description = "Where procfs is mounted (the booted slot, health, telemetry are read through it).", DefaultValueFactory = _ => SystemRoots.Host.Proc };
        var control = new Option<string>("--init-control") { Description = "The init's control socket reboots are asked through.", DefaultValueFactory = _ => InitControlReboot.DefaultSocket };
        var installed = new Option<string?>("--installed-version") { Description = "The version the device was flashed with (until an update commits); read from --release when omitted." };
        var release = new Option<string>("--release") { Description = "The running root's release file (image, version, board), as fwtool image build writes it.", DefaultValueFactory = _ => FirmwareRelease.Path };
        var command = new Command("run", "Run the agent: resume an update, take jobs from the fleet, report progress and telemetry, until SIGTERM.") { config, proc, control, installed, release };
        command.SetAction((result, invocation) => CommandRunner.RunAsync(AgentOptions.Program, false, async () =>
        {
            // Read once: it gives the board to agent.yml and the flashed version to the engine.
            var root = FirmwareRelease.TryRead(result.GetValue(release)!);
            var agent = AgentConfigFile.Load(result.GetValue(config)!, root);
            var host = new AgentHost
            {
                Roots = SystemRoots.Host with { Proc = result.GetValue(proc)! },
                Reboot = new InitControlReboot(result.GetValue(control)!),
                Http = http,
                Clock = clock,
                FlashedVersion = result.GetValue(installed) is { } v ? ArgumentParsers.Version(v, "--installed-version") : root?.Version,
            };
            var composed = DeviceComposition.Compose(agent, host, KeyFiles.ReadTrust(agent.TrustFile));
            using var signals = new TerminationSignals(invocation);
            using var stopLed = CancellationTokenSource.CreateLinkedTokenSource(signals.Token);
            var (led, blinking) = AgentLed.Start(agent, LedState.Offline, clock, stopLed.Token);
            using var runtime = new DeviceRuntime(composed, new RuntimeOptions
            {
                Led = led,
                Log = line => Console.Error.WriteLine($"{AgentOptions.Program}: {line}"),
            });
            var run = runtime.RunAsync(signals.Token);
            if (await Task.WhenAny(runtime.Ready, run) == runtime.Ready)
            {
                Console.WriteLine($"{TelemetryCommand.ReadyLine} ({await runtime.Ready})");
            }

            try
            {
                await run;
            }
            catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
            {
                // SIGTERM: stopped at a safe point.
            }

            await stopLed.CancelAsync();
            await blinking;
            return ExitCodes.Ok;
        }, Classify));
        return command;
    }

    private static (int ExitCode, string Message)? Classify(Exception e) => AgentOptions.Classify(e) ?? e switch
    {
        SlotDetectionException or CheckpointException or BootControlException => (AgentExitCodes.DeviceState, e.Message),
        FormatException => (AgentExitCodes.DeviceState, e.Message),
        _ => null,
    };
}
