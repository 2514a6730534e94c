using System.CommandLine;
using Firmware.Cli;
using Firmware.Device.Config;
using Firmware.Fleet;
using Firmware.Fleet.Controller;
using Firmware.Fleet.Controller.Bundles;
using Firmware.Fleet.Controller.Chunks;
using Firmware.Trust;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool fleet serve</c>: the fleet controller (docs/fleet.md, "The controller").</summary>
internal static class FleetServeCommand
{
    private const string Program = "fwtool";

    public static Command Create(TimeProvider clock)
    {
        var broker = new Option<string>("--broker") { Description = "The broker: mqtt://HOST[:PORT] or mqtts://HOST[:PORT].", Required = true };
        var db = new Option<string>("--db") { Description = "The controller's database file (LiteDB): devices, rollouts, jobs.", Required = true };
        var store = new Option<string>("--store") { Description = "The bundle store's directory (bundles kept as ID.fwb).", Required = true };
        var trust = new Option<string>("--trust") { Description = "The trust file bundles are verified against before they are stored.", Required = true };
        var user = new Option<string>("--user") { Description = "The controller's MQTT username (and client id).", DefaultValueFactory = _ => "controller" };
        var passwordFile = new Option<string?>("--password-file") { Description = "A file holding the MQTT password." };
        var ca = new Option<string?>("--ca") { Description = "CA certificate (PEM) of the broker, for mqtts://." };
        var cert = new Option<string?>("--cert") { Description = "Client certificate (PEM), for mqtts://." };
        var key = new Option<string?>("--key") { Description = "The client certificate's key (PEM)." };
        var listen = new Option<string>("--metrics") { Description = "Loopback ADDRESS:PORT of /metrics and the control API the rollout and fleet commands use.", DefaultValueFactory = _ => "127.0.0.1:9100" };
        var deviceRate = new Option<string>("--device-rate") { Description = "Chunk bytes per second to each device.", DefaultValueFactory = _ => "1MiB/s" };
        var bandwidth = new Option<string>("--bandwidth") { Description = "Chunk bytes per second to all devices together.", DefaultValueFactory = _ => "20MiB/s" };
        var fleet = new FleetOptions();
        var command = new Command("serve", "Run the fleet controller until Ctrl-C: device registry, bundle store, chunk server, rollouts, /metrics.")
        {
            broker, db, store, trust, user, passwordFile, ca, cert, key, listen, deviceRate, bandwidth, fleet.Prefix,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, false, async () =>
        {
            var url = result.GetValue(broker)!;
            if (!BrokerUrl.TryParse(url, out var parsed))
            {
                throw new UsageException($"--broker: '{url}' is not mqtt://HOST[:PORT] or mqtts://HOST[:PORT]");
            }

            if (!parsed.Tls && new[] { result.GetValue(ca), result.GetValue(cert), result.GetValue(key) }.Any(v => v is not null))
            {
                throw new UsageException("--ca, --cert and --key are TLS settings: use an mqtts:// broker URL");
            }

            if ((result.GetValue(cert) is null) != (result.GetValue(key) is null))
            {
                throw new UsageException("--cert and --key go together");
            }

            var trustPath = result.GetValue(trust)!;
            var options = new ControllerOptions
            {
                Broker = new BrokerConfig
                {
                    Url = url, Host = parsed.Host, Port = parsed.Port, UseTls = parsed.Tls,
                    Username = DeviceId.IsValid(result.GetValue(user)) ? result.GetValue(user) : throw new UsageException($"--user: '{result.GetValue(user)}' is not a username (1-64 of [A-Za-z0-9._-])"),
                    PasswordFile = result.GetValue(passwordFile),
                    CaFile = result.GetValue(ca),
                    CertificateFile = result.GetValue(cert),
                    KeyFile = result.GetValue(key),
                },
                DatabasePath = result.GetValue(db)!,
                StoreDirectory = result.GetValue(store)!,
                Trust = TrustFile.Parse(await File.ReadAllBytesAsync(trustPath, cancellationToken), trustPath),
                Prefix = fleet.Policy(result).Prefix,
                Listen = FleetOptions.Endpoint(result.GetValue(listen)!, "--metrics"),
                Rates = new ChunkRates(ChunkRates.ParseRate(result.GetValue(deviceRate)!, "--device-rate"), ChunkRates.ParseRate(result.GetValue(bandwidth)!, "--bandwidth")),
                Clock = clock,
                Log = line => Console.Error.WriteLine($"{Program} fleet serve: {line}"),
            };
            await using var controller = await FleetController.StartAsync(options, cancellationToken);
            Console.Error.WriteLine($"{Program} fleet serve: broker {url}, database {options.DatabasePath}, store {options.StoreDirectory}; /metrics and the control API on {controller.ControlUrl}; Ctrl-C to stop");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop cleanly; everything is in the database already.
            }

            return ExitCodes.Ok;
        }, e => e switch
        {
            FleetException f => (ExitCodes.Usage, f.Message),
            BundleStoreException s => (ExitCodes.For(Firmware.Bundles.BundleErrorClass.Container), s.Message),
            System.Net.HttpListenerException h => (ExitCodes.Io, $"--metrics: cannot listen: {h.Message}"),
            LiteDB.LiteException l => (ExitCodes.Io, $"--db: {l.Message}"),
            _ => FleetFailures.Classify(e),
        }));
        return command;
    }
}
