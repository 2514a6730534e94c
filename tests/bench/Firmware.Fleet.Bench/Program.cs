using System.Diagnostics;
using System.Globalization;
using Firmware.Bundles;
using Firmware.Device.Config;
using Firmware.Device.Fleet;
using Firmware.Device.Slots;
using Firmware.Fleet;
using Firmware.Fleet.Bench;
using Firmware.Fleet.Controller.Api;
using Firmware.Fleet.Controller.Bundles;
using Firmware.Trust;

// fleet-bench.sh's driver. Modes:
//   transfer PORT CONTROLLER-URL BUNDLE TRUST   one device (the agent's FleetConnection + ChunkDownload) fetches the bundle through the controller
//   peer PORT BUNDLE TRUST                      the same chunk payloads over bare MQTT, same window, no controller
//   fleet PORT CONTROLLER-URL BUNDLE N WAVES    N cheap devices taken through a rollout
// Each prints one line "key=value ..." on standard output.
var mode = args[0];
var port = int.Parse(args[1], CultureInfo.InvariantCulture);
switch (mode)
{
    case "transfer":
    {
        var trust = TrustFile.Parse(File.ReadAllBytes(args[4]), args[4]);
        using var client = new ControlClient(new Uri(args[2]));
        await using var file = File.OpenRead(args[3]);
        var stored = await client.AddBundleAsync(file, CancellationToken.None);
        var directory = Directory.CreateTempSubdirectory("fleet-bench-").FullName;
        var outbox = new FleetOutbox(Path.Combine(directory, "outbox.db"));
        var broker = new BrokerConfig { Url = $"mqtt://127.0.0.1:{port}", Host = "127.0.0.1", Port = port, UseTls = false };
        var identity = new FleetIdentity { DeviceId = "bench-device", Board = "bench", Compatible = "bench", Version = "1.0.0", Slot = SlotName.A, BootCount = 1, Agent = "bench" };
        using var connection = new FleetConnection(broker, identity, new FleetTopics(), outbox, TimeProvider.System);
        using var cts = new CancellationTokenSource();
        var running = connection.RunAsync(cts.Token);
        while (!connection.IsConnected)
        {
            await Task.Delay(10);
        }

        await Task.Delay(500);
        var rollout = await client.StartAsync(new RolloutRequest { BundleId = stored.Id, Waves = "100%", Target = "devices=bench-device" }, CancellationToken.None);
        var job = new Firmware.Fleet.Payloads.JobDocument
        {
            JobId = rollout.Id + "-install", RolloutId = rollout.Id, Action = Firmware.Fleet.Payloads.JobAction.Install, Deadline = DateTimeOffset.UtcNow.AddHours(1),
            Bundle = new Firmware.Fleet.Payloads.JobBundle { Id = stored.Id, Version = stored.Version, Size = stored.Size, Chunks = stored.Chunks, ChunkSize = 8 << 20 },
        };
        using var download = new ChunkDownload(Path.Combine(directory, "job"), job, () => new VerificationPolicy { Trust = trust, Now = DateTimeOffset.UtcNow }, TimeProvider.System);
        connection.ChunkReceived = message => download.Accept(message);
        var clock = Stopwatch.StartNew();
        await download.RunAsync(connection, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"seconds={seconds:0.000} bytes={stored.Size} chunks={stored.Chunks} mib_per_s={stored.Size / seconds / (1 << 20):0.00}"));
        await client.ActAsync(rollout.Id, "abort", CancellationToken.None);
        await cts.CancelAsync();
        Directory.Delete(directory, recursive: true);
        break;
    }

    case "peer":
    {
        var trust = TrustFile.Parse(File.ReadAllBytes(args[3]), args[3]);
        var directory = Directory.CreateTempSubdirectory("fleet-bench-").FullName;
        var store = new BundleStore(directory, trust, TimeProvider.System);
        await using var file = File.OpenRead(args[2]);
        var bundle = await store.AddAsync(file, CancellationToken.None);
        var payloads = Enumerable.Range(-1, bundle.Layout.Count + 1).Select(i => BundleStore.Read(bundle, i)).ToList();
        var (seconds, bytes) = await BarePeer.RunAsync(port, payloads);
        Console.WriteLine(FormattableString.Invariant($"seconds={seconds:0.000} bytes={bytes} chunks={payloads.Count - 1} mib_per_s={bytes / seconds / (1 << 20):0.00}"));
        Directory.Delete(directory, recursive: true);
        break;
    }

    case "fleet":
    {
        var count = int.Parse(args[4], CultureInfo.InvariantCulture);
        using var client = new ControlClient(new Uri(args[2]));
        await using var file = File.OpenRead(args[3]);
        var stored = await client.AddBundleAsync(file, CancellationToken.None);
        var devices = await CheapFleet.ConnectAsync(port, count, stored.Compatible[0]);
        var clock = Stopwatch.StartNew();
        while ((await client.DevicesAsync(CancellationToken.None)).Count(d => d.Online) < count)
        {
            await Task.Delay(200);
        }

        var registered = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var rollout = await client.StartAsync(new RolloutRequest { BundleId = stored.Id, Waves = args[5], MaxFailures = "0" }, CancellationToken.None);
        RolloutView view;
        do
        {
            await Task.Delay(500);
            view = await client.RolloutAsync(rollout.Id, CancellationToken.None);
        }
        while (view.State is not ("completed" or "aborted"));

        var seconds = clock.Elapsed.TotalSeconds;
        var metrics = await client.MetricsAsync(CancellationToken.None);
        var stale = Metric(metrics, "fleet_controller_stale_progress_total");
        var received = Metric(metrics, "fleet_controller_messages_received_total");
        var lost = count - view.Committed;
        Console.WriteLine(FormattableString.Invariant(
            $"devices={count} state={view.State} seconds={seconds:0.0} registered_s={registered:0.0} committed={view.Committed} lost={lost} stale={stale} controller_messages={received} messages_per_s={received / (seconds + registered):0} chunk_messages={devices.ChunksReceived} re_requests={devices.Retries}"));
        await devices.DisposeAsync();
        break;
    }

    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}

return 0;

static double Metric(string text, string name) =>
    text.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Select(l => double.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();
