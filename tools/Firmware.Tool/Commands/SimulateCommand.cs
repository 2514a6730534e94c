using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Firmware.Cli;
using Firmware.Device.Config;
using Firmware.Fleet.Simulation;

namespace Firmware.Tool.Commands;

/// <summary>
/// <c>fwtool simulate</c>: N virtual devices in this process, each a separate MQTT client running
/// the agent's device runtime with memory or sparse-file slots and the simulated bootloader, for rehearsing
/// rollouts (docs/agent.md, "The fleet simulator"). Prints when every online device has connected,
/// then a status line every few seconds until Ctrl-C or <c>--duration</c>.
/// </summary>
internal static class SimulateCommand
{
    private const string Program = "fwtool";

    public static Command Create()
    {
        var devices = new Option<int>("--devices") { Description = "How many virtual devices (1 to 100000).", Required = true };
        var broker = new Option<string>("--broker") { Description = "The broker: mqtt://HOST[:PORT].", Required = true };
        var trust = new Option<string>("--trust") { Description = "The trust file the devices verify bundles against.", Required = true };
        var directory = new Option<string?>("--dir") { Description = "Where the devices keep their files (a directory each). Default: a new temporary directory." };
        var failHealth = Probability("--fail-health", "The probability that a trial boot fails its health gate.");
        var flaky = Probability("--flaky-network", "The probability, every 10 s, that a connected device's connection drops.");
        var offline = Probability("--offline", "The probability that a device never connects.");
        var board = new Option<string>("--board") { Description = "The devices' board (compatible) string.", DefaultValueFactory = _ => "sim-board" };
        var version = new Option<string>("--version") { Description = "The version the devices are flashed with.", DefaultValueFactory = _ => "1.0.0" };
        var seed = new Option<int>("--seed") { Description = "The seed of every random choice." };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (e.g. 90s, 10m). Default: until Ctrl-C." };
        var slots = new Option<string>("--slots") { Description = "Where the devices keep their slots: memory (blocks shared by content across the devices) or file (sparse files).", DefaultValueFactory = _ => "memory" };
        slots.AcceptOnlyFromAmong("memory", "file");
        var idPrefix = new Option<string>("--id-prefix") { Description = "Names the devices PREFIX-00001 and on (several simulate processes against one broker need different prefixes).", DefaultValueFactory = _ => "sim" };
        var command = new Command("simulate", "Run virtual devices against a broker: each runs the device agent's runtime, with scripted health and network faults.")
        {
            devices, broker, trust, directory, failHealth, flaky, offline, board, version, seed, duration, slots, idPrefix,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, false, async () =>
        {
            var count = result.GetValue(devices);
            if (count is < 1 or > 100_000)
            {
                throw new UsageException($"--devices: {count} is not 1 to 100000");
            }

            var url = result.GetValue(broker)!;
            if (!BrokerUrl.TryParse(url, out var parsed) || parsed.Tls)
            {
                throw new UsageException($"--broker: '{url}' is not mqtt://HOST[:PORT] (the simulated devices connect without TLS)");
            }

            var options = new SimulationOptions
            {
                Devices = count,
                Broker = url,
                Trust = KeyFiles.ReadTrust(result.GetValue(trust)!),
                Directory = Path.GetFullPath(result.GetValue(directory) ?? Directory.CreateTempSubdirectory("fwtool-simulate-").FullName),
                FailHealth = result.GetValue(failHealth),
                FlakyNetwork = result.GetValue(flaky),
                Offline = result.GetValue(offline),
                Board = result.GetValue(board)!,
                Version = ArgumentParsers.Version(result.GetValue(version)!, "--version").ToString(),
                Seed = result.GetValue(seed),
                Slots = result.GetValue(slots) == "file" ? SimulatedSlots.File : SimulatedSlots.Memory,
                IdPrefix = IdPrefix(result.GetValue(idPrefix)!),
            };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (result.GetValue(duration) is { } text)
            {
                stop.CancelAfter(ArgumentParsers.Duration(text, "--duration"));
            }

            await RunAsync(options, stop.Token);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task RunAsync(SimulationOptions options, CancellationToken stop)
    {
        using var simulation = new FleetSimulation(options, line => Console.Error.WriteLine(line));
        Console.WriteLine($"simulating {options.Devices} devices in {options.Directory} against {options.Broker}");
        var clock = Stopwatch.StartNew();
        var running = simulation.RunAsync(stop);
        var allConnected = false;
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None));
            var status = simulation.Status();
            var online = status.Devices - status.Offline;
            if (allConnected != (status.Connected == online))
            {
                // Each change between "all connected" and not: a broker restart shows as a drop, then the time the jittered back-off took to bring every device back.
                allConnected = !allConnected;
                var at = clock.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
                Console.WriteLine(allConnected ? $"connected: all {online} online devices at {at} s" : $"disconnected: {online - status.Connected} of {online} at {at} s");
            }

            if (clock.ElapsedMilliseconds / 5000 != (clock.ElapsedMilliseconds - 100) / 5000)
            {
                Console.WriteLine($"{clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s: {status}");
            }
        }

        try
        {
            await running;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // --duration or Ctrl-C: every device stopped at a safe point.
        }

        Console.WriteLine($"stopped after {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s: {simulation.Status()}");
    }

    /// <summary>A prefix whose device ids (PREFIX-00001) are valid ids: the broker and the controller take them as topic levels.</summary>
    private static string IdPrefix(string prefix) => Firmware.Fleet.DeviceId.IsValid(prefix + "-00000") && prefix.Length > 0
        ? prefix
        : throw new UsageException($"--id-prefix: '{prefix}' does not make device ids of [A-Za-z0-9._-] (PREFIX-00001, at most 64 characters)");

    private static Option<double> Probability(string name, string description)
    {
        var option = new Option<double>(name) { Description = description + " 0 to 1 (default 0)." };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN)
            {
                result.AddError($"{name}: {result.GetValueOrDefault<double>().ToString(CultureInfo.InvariantCulture)} is not a probability from 0 to 1");
            }
        });
        return option;
    }
}
