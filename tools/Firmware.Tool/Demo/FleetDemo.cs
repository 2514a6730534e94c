using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Firmware.Cli;
using Firmware.Device.Config;
using Firmware.Fleet;
using Firmware.Fleet.Controller;
using Firmware.Fleet.Controller.Api;
using Firmware.Fleet.Controller.Bundles;
using Firmware.Fleet.Controller.Devices;
using Firmware.Fleet.Host.Access;
using Firmware.Fleet.Host.Broker;
using Firmware.Fleet.Host.Credentials;
using Firmware.Fleet.Host.Provisioning;
using Firmware.Fleet.Simulation;
using Firmware.Tool.Authoring;
using Firmware.Tool.Commands;

namespace Firmware.Tool.Demo;

/// <summary>
/// <c>fwtool demo</c>: the fleet on this machine, in this process (README.md, docs/fleet.md "The
/// demo"). Fresh keys and trust sign two bundles; <c>fwtool fleet acl</c>'s credentials lock down
/// the embedded broker (TLS, a password per device, each device confined to its own topics) on
/// 127.0.0.1 and a free port; the controller and 50 simulated devices, each running the device
/// runtime, connect to it. A good bundle rolls out in waves to every device; a bad one, whose
/// trial boots fail the health gate, stops at the canary wave on the failure budget and rolls back.
/// Each rollout's progress goes to <paramref name="show"/> (the <c>fleet watch</c> view); the
/// controller's and devices' log lines go to <c>fleet.log</c>.
/// </summary>
internal sealed class FleetDemo(string directory, TimeProvider clock, Action<string> say, Action<IReadOnlyList<string>> show, bool deviceTable)
{
    private const int Devices = 50;
    private const string Waves = "1,10%,100%";
    private const string ControllerUser = "controller";

    /// <summary>Small images keep the whole run near half a minute here; FastCDC still cuts each into several chunks.</summary>
    private const long ImageSize = 1L << 20;

    /// <summary>
    /// Soak and telemetry: a wave's devices must send a few healthy samples before the next wave
    /// starts, so the soak spans three telemetry intervals.
    /// </summary>
    private static readonly TimeSpan Soak = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan Telemetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);
    private static readonly AccessPolicy Policy = new(FleetTopics.DefaultPrefix, [ControllerUser]);

    public async Task<IReadOnlyList<DemoRolloutResult>> RunAsync(CancellationToken cancellationToken)
    {
        var files = new DemoFiles(directory, clock, say);
        say($"Working in {directory}; the controller's and devices' log is {Path.Combine(directory, "fleet.log")}");
        say("1. Trust and signing: a root key signs trust version 1, which names one release key; the release key signs two bundles.");
        var root = files.Key("root");
        var release = files.Key("release");
        using var rootKey = KeyFiles.ReadSigningKey(root);
        var trust = TrustAuthoring.Init(new RoleMembers([rootKey.PublicKey], 1), new RoleMembers([KeyFiles.ReadVerificationKey(release)], 1),
            clock.GetUtcNow().AddDays(365), [rootKey]);
        await files.WriteTrustAsync(trust, "trust.json", cancellationToken);
        var good = await files.BundleAsync("demo-1.1.0.fwb", "1.1.0", files.Image("rootfs-1.1.0.img", ImageSize, seed: 11), release, [], cancellationToken);
        var bad = await files.BundleAsync("demo-1.2.0.fwb", "1.2.0", files.Image("rootfs-1.2.0.img", ImageSize, seed: 12), release, [], cancellationToken);

        await using var log = new FleetLog(Path.Combine(directory, "fleet.log"));
        var port = FreePort();
        var url = $"mqtts://127.0.0.1:{port}";
        var simulation = new SimulationOptions
        {
            Devices = Devices,
            Broker = url,
            Trust = trust,
            Directory = Path.Combine(directory, "devices"),
            Board = DemoFiles.Board,
            Version = "1.0.0",
            IdPrefix = "demo",
            FailingVersions = new HashSet<string>(StringComparer.Ordinal) { "1.2.0" },
            TelemetryInterval = Telemetry,
            Credentials = Path.Combine(directory, "credentials"),
        };
        say($"2. The fleet: credentials for {Devices} devices and the controller, the embedded broker on {url} (TLS, passwords, per-device topics), the controller, {Devices} simulated devices at 1.0.0.");
        await WriteCredentialsAsync(simulation, port, cancellationToken);
        using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(simulation.Credentials, "tls", "server.crt"), Path.Combine(simulation.Credentials, "tls", "server.key"));
        var passwords = Path.Combine(simulation.Credentials, "passwd");
        await using var broker = await FleetBroker.StartAsync(new BrokerOptions
        {
            Endpoint = new IPEndPoint(IPAddress.Loopback, port),
            Certificate = certificate,
            Passwords = PasswordFile.Parse(await File.ReadAllTextAsync(passwords, cancellationToken), passwords),
            Policy = Policy,
            Log = line => log.Write("broker", line),
        });
        await using var controller = await FleetController.StartAsync(new ControllerOptions
        {
            Broker = new BrokerConfig
            {
                Url = url, Host = "127.0.0.1", Port = port, UseTls = true, Username = ControllerUser,
                PasswordFile = Path.Combine(simulation.Credentials, "controllers", ControllerUser, "password"),
                CaFile = Path.Combine(simulation.Credentials, "tls", "ca.crt"),
            },
            DatabasePath = Path.Combine(directory, "fleet.db"),
            StoreDirectory = Path.Combine(directory, "store"),
            Trust = trust,

            // Every simulated device reports this machine's CPU, which the demo itself keeps busy:
            // here CPU says nothing about a device's health, so only memory, disk and temperature count.
            Health = new HealthLimits { MaxCpuPercent = 100 },
            Tick = Refresh,
            Clock = clock,
            Log = line => log.Write("controller", line),
        }, cancellationToken);
        using var devices = new FleetSimulation(simulation, line => log.Write("device", line));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = devices.RunAsync(stop.Token);
        try
        {
            await WaitOnlineAsync(controller, running, cancellationToken);
            say("3. The good bundle 1.1.0, in waves " + Waves + $", no failure allowed, {Soak.TotalSeconds:0} s soak per wave:");
            var first = await RolloutAsync("good", good, controller, devices, cancellationToken);
            say("4. The bad bundle 1.2.0 (its trial boots fail the health gate), the same policy:");
            var second = await RolloutAsync("bad", bad, controller, devices, cancellationToken);
            return [first, second];
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose: every device powers off at a safe point.
            }
        }
    }

    /// <summary>What <c>fwtool fleet acl</c> writes: a test CA, the broker's certificate, a password per device and for the controller.</summary>
    private static async Task WriteCredentialsAsync(SimulationOptions simulation, int port, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(1, simulation.Devices).Select(simulation.DeviceId).ToList();
        var plan = FleetCredentials.Plan(ids, Policy, simulation.Credentials!, new IPEndPoint(IPAddress.Loopback, port), DateTimeOffset.UtcNow);
        await FleetCredentials.WriteAsync(plan, simulation.Credentials!, cancellationToken);
    }

    /// <summary>A port free now on 127.0.0.1: the kernel picks it, the listener closes, the broker binds it.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitOnlineAsync(FleetController controller, Task devices, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        while (await controller.RunAsync(engine => Task.FromResult(engine.Devices.Count(d => d.Online))) is var online && online < Devices)
        {
            if (devices.IsCompleted)
            {
                await devices;
            }

            if (clock.GetElapsedTime(started) > ConnectTimeout)
            {
                throw new TimeoutException($"only {online} of {Devices} simulated devices registered with the controller in {ConnectTimeout.TotalSeconds:0} s (see fleet.log)");
            }

            await Task.Delay(Refresh, clock, cancellationToken);
        }

        say($"   all {Devices} devices online after {clock.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    private async Task<DemoRolloutResult> RolloutAsync(string label, string bundlePath, FleetController controller, FleetSimulation devices, CancellationToken cancellationToken)
    {
        var bundle = await AddAsync(controller, bundlePath, cancellationToken);
        var spec = new RolloutRequest { BundleId = bundle.Id, Waves = Waves, MaxFailures = "0", Soak = $"{Soak.TotalSeconds:0}s" }.ToSpec();
        var bytes = controller.Counters[ControllerCounter.ChunkBytesServed];
        var started = clock.GetTimestamp();
        var id = await controller.RunAsync(engine =>
        {
            var (rollout, outgoing) = engine.Start(spec, bundle);
            return (rollout.Id, outgoing);
        });
        while (true)
        {
            var (view, table) = await controller.RunAsync(engine => Task.FromResult((Views.Rollout(engine, engine.Rollout(id)!), Views.Devices(engine))));
            show([.. FleetTables.Rollout(view), $"  devices: {devices.Status()}", .. deviceTable ? FleetTables.Devices(table, clock.GetUtcNow()) : []]);

            // Done when the rollout has ended and no device is still finishing a job (an abort's rollbacks included).
            if (view.State is "completed" or "aborted" && view.InFlight == 0)
            {
                return new DemoRolloutResult(label, view, clock.GetElapsedTime(started), controller.Counters[ControllerCounter.ChunkBytesServed] - bytes);
            }

            await Task.Delay(Refresh, clock, cancellationToken);
        }
    }

    private static async Task<StoredBundle> AddAsync(FleetController controller, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await controller.Store.AddAsync(stream, cancellationToken);
    }
}
