using System.Text;
using System.Threading.Channels;
using Firmware.Bundles;
using Firmware.Device.Config;
using Firmware.Device.Fleet;
using Firmware.Device.Slots;
using Firmware.Fleet.Payloads;
using Firmware.Fuzz;

namespace Firmware.Fleet.Controller.Tests.Integration;

/// <summary>
/// A device that follows docs/protocol.md with the agent's own fleet pieces: <see cref="FleetConnection"/>
/// (birth, will, job and chunk subscriptions, durable progress outbox) and <see cref="ChunkDownload"/>
/// (the header checked against the fuzz trust, every chunk against the signed manifest). The
/// update engine is left out: after the download the assembled bundle is verified in full, then
/// the double walks the progress states, "reboots" (a new connection whose birth carries the new
/// version) and ends as its <see cref="DeviceBehaviour"/> says.
/// </summary>
internal sealed class DeviceDouble : IAsyncDisposable
{
    private readonly string _directory;
    private readonly BrokerConfig _broker;
    private readonly FleetOutbox _outbox;
    private readonly Channel<JobDocument> _jobs = Channel.CreateUnbounded<JobDocument>();
    private readonly Dictionary<string, long> _seq = [];
    private readonly HashSet<string> _finished = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private FleetConnection? _connection;
    private CancellationTokenSource? _connected;
    private Task _running = Task.CompletedTask;
    private ChunkDownload? _download;
    private CancellationTokenSource? _downloading;
    private string? _trialJob;
    private string _previous;

    public DeviceDouble(string id, string directory, int port, DeviceBehaviour behaviour = DeviceBehaviour.Commit, string version = "1.0.0", params string[] tags)
    {
        Id = id;
        Behaviour = behaviour;
        Version = _previous = version;
        Tags = tags;
        _directory = Directory.CreateDirectory(Path.Combine(directory, id)).FullName;
        _broker = new BrokerConfig { Url = $"mqtt://127.0.0.1:{port}", Host = "127.0.0.1", Port = port, UseTls = false };
        _outbox = new FleetOutbox(Path.Combine(_directory, "outbox.db"));
        _worker = Task.Run(WorkAsync);
    }

    public string Id { get; }

    public DeviceBehaviour Behaviour { get; }

    public string Version { get; private set; }

    public IReadOnlyList<string> Tags { get; }

    public bool IsConnected => _connection?.IsConnected == true;

    /// <summary>Completed when the device reports its trial.</summary>
    public TaskCompletionSource InTrial { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A <see cref="DeviceBehaviour.FailHealth"/> device fails its health only once this completes (orders devices in a test).</summary>
    public Task FailAfter { get; set; } = Task.CompletedTask;

    /// <summary>Every progress state reported, in order.</summary>
    public List<(string Job, ProgressState State)> Reports { get; } = [];

    /// <summary>Connects (birth with the current version) and waits for the connection.</summary>
    public async Task ConnectAsync()
    {
        _connected = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        _connection = new FleetConnection(_broker, Identity(), new FleetTopics(), _outbox, TimeProvider.System, new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)))
        {
            JobReceived = job => _jobs.Writer.WriteAsync(job).AsTask(),
            ChunkReceived = message => _download?.Accept(message),
        };
        var token = _connected.Token;
        var connection = _connection;
        _running = Task.Run(() => connection.RunAsync(token));
        while (!connection.IsConnected)
        {
            await Task.Delay(20, _stopping.Token);
        }
    }

    /// <summary>Says offline and disconnects (the controller sees the offline state).</summary>
    public async Task DisconnectAsync()
    {
        if (_connection is null)
        {
            return;
        }

        await _connection.StopAsync(CancellationToken.None);
        await _connected!.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _connection.Dispose();
        _connection = null;
    }

    /// <summary>Publishes one telemetry sample with this share of memory available.</summary>
    public Task TelemetryAsync(double memoryAvailable)
    {
        var memory = $$"""{"totalBytes":1000,"availableBytes":{{(int)(memoryAvailable * 1000)}}}""";
        var sample = $$"""{"schema":1,"time":"{{DateTimeOffset.UtcNow:O}}","version":"{{Version}}","memory":{{memory}}}""";
        return _connection!.PublishAsync(Encoding.UTF8.GetBytes(sample), CancellationToken.None).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        await _stopping.CancelAsync();
        _jobs.Writer.TryComplete();
        try
        {
            await _worker;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _stopping.Dispose();
    }

    private FleetIdentity Identity() => new()
    {
        DeviceId = Id, Board = "fuzz", Compatible = FuzzKeys.Board, Version = Version, Slot = SlotName.A, BootCount = 1, Agent = "double", Tags = Tags,
    };

    private async Task WorkAsync()
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync(_stopping.Token))
        {
            // The agent acts on a job once: a retained job it already finished is stale (protocol.md 3.3).
            if (!_finished.Add(job.JobId + "/" + job.Action))
            {
                continue;
            }

            switch (job.Action)
            {
                case JobAction.Install:
                    _ = Task.Run(() => InstallAsync(job));
                    break;
                case JobAction.Cancel when _downloading is { } downloading:
                    await downloading.CancelAsync();
                    break;
                case JobAction.Rollback when _trialJob is { } trial:
                    await ReportAsync(trial, ProgressState.Reverting);
                    await RebootAsync(_previous);
                    await ReportAsync(trial, ProgressState.RolledBack, JobOutcome.RolledBack);
                    await ReportAsync(job.JobId, ProgressState.RolledBack, JobOutcome.RolledBack);
                    _trialJob = null;
                    break;
                default:
                    break;
            }
        }
    }

    private async Task InstallAsync(JobDocument job)
    {
        var total = job.Bundle!.Chunks;
        await ReportAsync(job.JobId, ProgressState.Accepted, total: total);
        await ReportAsync(job.JobId, ProgressState.Downloading, total: total);
        _downloading = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        using (var download = new ChunkDownload(Path.Combine(_directory, job.JobId), job, Policy, TimeProvider.System))
        {
            _download = download;
            try
            {
                await download.RunAsync(_connection!, _downloading.Token);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                await ReportAsync(job.JobId, ProgressState.Cancelled, total: total, done: download.ChunksDone);
                return;
            }

            await ReportAsync(job.JobId, ProgressState.Verifying, total: total, done: total);
            await using var bundle = File.OpenRead(download.BundlePath);
            var verified = await BundleVerification.VerifyAsync(bundle, Policy());
            Assert.Equal(job.Bundle.Version, verified.Manifest.Manifest.Version);
        }

        _download = null;
        foreach (var state in new[] { ProgressState.Writing, ProgressState.Armed, ProgressState.Rebooting })
        {
            await ReportAsync(job.JobId, state, total: total, done: total);
        }

        await RebootAsync(job.Bundle.Version);
        _trialJob = job.JobId;
        await ReportAsync(job.JobId, ProgressState.Trial, total: total, done: total);
        InTrial.TrySetResult();
        switch (Behaviour)
        {
            case DeviceBehaviour.Commit:
                _previous = Version;
                _trialJob = null;
                await ReportAsync(job.JobId, ProgressState.Committed, JobOutcome.Committed, total, total);
                break;
            case DeviceBehaviour.FailHealth:
                await FailAfter.WaitAsync(_stopping.Token);
                _trialJob = null;
                await ReportAsync(job.JobId, ProgressState.Reverting, total: total, done: total);
                await RebootAsync(_previous);
                await ReportAsync(job.JobId, ProgressState.RolledBack, JobOutcome.RolledBack, total, total);
                break;
            default:
                break;
        }
    }

    private static VerificationPolicy Policy() => new() { Trust = FuzzKeys.Trust, Now = DateTimeOffset.UtcNow, Board = FuzzKeys.Board };

    private async Task RebootAsync(string version)
    {
        await DisconnectAsync();
        Version = version;
        await ConnectAsync();
    }

    private async Task ReportAsync(string jobId, ProgressState state, JobOutcome? outcome = null, int total = 0, int done = 0)
    {
        var seq = _seq[jobId] = _seq.GetValueOrDefault(jobId) + 1;
        lock (Reports)
        {
            Reports.Add((jobId, state));
        }

        await _connection!.ReportAsync(new ProgressReport { JobId = jobId, Seq = seq, State = state, Outcome = outcome, ChunksDone = done, ChunksTotal = total }, _stopping.Token);
    }
}
