using System.Text.Json;
using Firmware.Fleet.Controller.Bundles;
using Firmware.Fleet.Controller.Devices;
using Firmware.Fleet.Controller.Engine;
using Firmware.Fleet.Controller.Rollouts;
using Firmware.Fleet.Controller.Storage;
using Firmware.Fleet.Payloads;
using Firmware.Fuzz;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Fleet.Controller.Tests.Engine;

/// <summary>An engine on a database file, a real bundle store, a fake clock and a gate that records.</summary>
internal sealed class EngineFixture : IDisposable
{
    private readonly ScratchDirectory _scratch = new();
    private readonly Dictionary<(string, string), long> _seq = [];
    private FleetDatabase _database;

    public EngineFixture(int devices)
    {
        Store = new BundleStore(_scratch.Of("store"), FuzzKeys.Trust, Clock);
        using (var file = File.OpenRead(ControllerBundles.Write(_scratch.Path)))
        {
            Bundle = Store.AddAsync(file, CancellationToken.None).GetAwaiter().GetResult();
        }

        _database = new FleetDatabase(_scratch.Of("fleet.db"));
        Engine = Open();
        for (var i = 0; i < devices; i++)
        {
            Birth($"d{i:00}", "1.0.0");
        }
    }

    public FakeTimeProvider Clock { get; } = new(ControllerBundles.Made.AddHours(1));

    public BundleStore Store { get; }

    public StoredBundle Bundle { get; }

    public Gate Downloads { get; } = new();

    public FleetEngine Engine { get; private set; }

    public List<string> Log { get; } = [];

    /// <summary>Closes the database and opens a new engine on it, as a restarted controller does.</summary>
    public void Restart()
    {
        _database.Dispose();
        _database = new FleetDatabase(_scratch.Of("fleet.db"));
        Downloads.Allowed.Clear();
        Engine = Open();
    }

    public void Birth(string id, string version, params string[] tags) => Engine.OnState(id, new DeviceState
    {
        Id = id, State = DeviceStatus.Online, Board = "fuzz", Compatible = FuzzKeys.Board, Version = version, Slot = "A", BootCount = 1, Agent = "test", Tags = tags, Since = Clock.GetUtcNow(),
    });

    public void Telemetry(string id, double memoryAvailable, string version = "2.0.0")
    {
        var memory = $$"""{"totalBytes":1000,"availableBytes":{{memoryAvailable * 1000}}}""";
        using var sample = JsonDocument.Parse($$"""{"schema":1,"time":"{{Clock.GetUtcNow():O}}","version":"{{version}}","memory":{{memory}}}""");
        Engine.OnTelemetry(id, new TelemetryBatch { Id = id, Samples = [sample.RootElement.Clone()] });
    }

    public (Rollout Rollout, IReadOnlyList<Outgoing> Outgoing) Start(string waves, string maxFailures = "0", string soak = "1m", int? maxConcurrent = null, string? target = null) =>
        Engine.Start(new Api.RolloutRequest { BundleId = Bundle.Id, Waves = waves, MaxFailures = maxFailures, Soak = soak, MaxConcurrent = maxConcurrent, Target = target }.ToSpec(), Bundle);

    /// <summary>The device reports <paramref name="states"/> in turn on its install job of <paramref name="rollout"/>.</summary>
    public List<Outgoing> Report(string rollout, string device, params ProgressState[] states) => ReportOn(rollout + "-install", device, states);

    public List<Outgoing> ReportOn(string jobId, string device, params ProgressState[] states)
    {
        var outgoing = new List<Outgoing>();
        foreach (var state in states)
        {
            var seq = _seq[(device, jobId)] = _seq.GetValueOrDefault((device, jobId)) + 1;
            outgoing.AddRange(Engine.OnProgress(device, new ProgressReport
            {
                JobId = jobId, Seq = seq, State = state, ChunksDone = 0, ChunksTotal = 0,
                Outcome = state switch { ProgressState.Committed => JobOutcome.Committed, ProgressState.RolledBack => JobOutcome.RolledBack, ProgressState.Failed => JobOutcome.Failed, _ => null },
            }));
        }

        return outgoing;
    }

    /// <summary>A device that installs and commits, reborn with the new version as a real one is after its trial boot.</summary>
    public List<Outgoing> Commit(string rollout, string device)
    {
        var outgoing = Report(rollout, device, ProgressState.Accepted, ProgressState.Downloading, ProgressState.Verifying, ProgressState.Writing, ProgressState.Armed, ProgressState.Rebooting);
        Birth(device, Bundle.Version);
        outgoing.AddRange(Report(rollout, device, ProgressState.Trial, ProgressState.Committed));
        return outgoing;
    }

    public RolloutState State(string rollout) => Engine.Rollout(rollout)!.State;

    public void Dispose()
    {
        _database.Dispose();
        _scratch.Dispose();
    }

    private FleetEngine Open() => new(_database, Store.Loaded, Downloads, Clock, new HealthLimits(), new ControllerCounters(), Log.Add);

    internal sealed class Gate : IDownloadGate
    {
        public HashSet<(string Device, string Job)> Allowed { get; } = [];

        public void Allow(string deviceId, string jobId, string bundleId) => Allowed.Add((deviceId, jobId));

        public void Revoke(string deviceId, string jobId) => Allowed.Remove((deviceId, jobId));
    }
}
