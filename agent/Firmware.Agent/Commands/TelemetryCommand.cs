using System.CommandLine;
using System.Text.Json;
using Firmware.Cli;
using Firmware.Device.Config;
using Firmware.Device.Led;
using Firmware.Device.Slots;
using Firmware.Device;
using Firmware.Device.Fleet;
using Firmware.Device.Telemetry;

namespace Firmware.Agent.Commands;

/// <summary>
/// <c>fwagent telemetry</c>: one sample as a JSON line (<c>--once</c>), or the offline collection
/// loop: a sample every interval into the ring on the data partition, with the status LED showing
/// "offline", until stopped. It prints <c>fwagent: ready</c> once it is collecting.
/// </summary>
internal static class TelemetryCommand
{
    public const string ReadyLine = "fwagent: ready";

    public static Command Create(TimeProvider clock)
    {
        var config = AgentOptions.Config();
        var once = new Option<bool>("--once") { Description = "Print one sample as a JSON line and exit." };
        var slot = new Option<string>("--slot") { Description = "The running slot, A or B (the update engine supplies it when it runs the collector).", DefaultValueFactory = _ => "A" };
        var version = new Option<string>("--version") { Description = "The running firmware version.", DefaultValueFactory = _ => "unknown" };
        var boots = new Option<long>("--boot-count") { Description = "The engine's boot counter." };
        var command = new Command("telemetry", "Collect telemetry: one sample, or a sample every interval into the offline ring until stopped.") { config, once, slot, version, boots };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(AgentOptions.Program, false, async () =>
        {
            var agent = AgentConfigFile.Load(result.GetValue(config)!);
            var facts = new EngineFacts(
                SlotNames.TryParse(result.GetValue(slot), out var running) ? running : throw new UsageException("--slot must be A or B"),
                result.GetValue(version)!,
                result.GetValue(boots));
            var collector = new TelemetryCollector(agent, SystemRoots.Host, new StatvfsFileSystemStats(), clock);
            if (result.GetValue(once))
            {
                Console.WriteLine(JsonSerializer.Serialize(collector.Collect(facts), TelemetryJsonContext.Default.TelemetrySample));
                return ExitCodes.Ok;
            }

            await CollectAsync(agent, collector, facts, clock, cancellationToken);
            return ExitCodes.Ok;
        }, AgentOptions.Classify));
        return command;
    }

    private static async Task CollectAsync(AgentConfig agent, TelemetryCollector collector, EngineFacts facts, TimeProvider clock, CancellationToken invocation)
    {
        using var signals = new TerminationSignals(invocation);
        var cancellationToken = signals.Token;
        Directory.CreateDirectory(agent.DataDirectory);
        var ring = new TelemetryRing(Path.Combine(agent.DataDirectory, "telemetry.db"), agent.Telemetry.RingCapacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var (_, led) = AgentLed.Start(agent, LedState.Offline, clock, stop.Token);
        var loop = new TelemetryLoop(ring, publisher: null, () => collector.Collect(facts), agent.Telemetry.Interval, clock);
        await loop.TurnAsync(cancellationToken);
        Console.WriteLine($"{ReadyLine} (a sample every {agent.Telemetry.Interval.TotalSeconds:0} s, {ring.Count} of {ring.Capacity} buffered, {ring.Dropped} dropped)");
        try
        {
            await loop.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (SIGTERM from the init, Ctrl-C): every sample taken is already in the ring.
        }

        await stop.CancelAsync();
        await led;
    }
}
