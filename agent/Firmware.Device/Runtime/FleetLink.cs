using Firmware.Bundles;
using Firmware.Device.Config;
using Firmware.Device.Fleet;
using Firmware.Device.Sources;
using Firmware.Device.Updates;
using Firmware.Fleet;
using Firmware.Fleet.Payloads;

namespace Firmware.Device.Runtime;

/// <summary>
/// The runtime's side of the fleet protocol: the connection, the progress outbox, the job store
/// and the chunk download of the job in progress. It reports each state the engine enters on
/// <c>progress</c> with the job's next persisted <c>seq</c>, and is the engine's outcome reporter:
/// the final report is queued durably (with a <c>seq</c> that a repeated delivery reuses) before
/// the engine marks the outcome delivered. Reports are queued on the engine's thread, in order,
/// and sent by the connection until each PUBACK.
/// </summary>
internal sealed class FleetLink : IOutcomeReporter, IDisposable
{
    private readonly DeviceRuntime _runtime;
    private readonly ComposedDevice _composed;
    private readonly FleetOutbox _outbox;
    private readonly JournalReporter _journal;
    private readonly Lock _reporting = new();
    private readonly RuntimeOptions _options;
    private readonly BrokerConfig _broker;
    private readonly long _bootCount;
    private FleetConnection? _connection;
    private UpdateEngine? _engine;
    private ChunkDownload? _download;
    private int _lastReportedChunks = -1;

    public FleetLink(DeviceRuntime runtime, ComposedDevice composed, RuntimeOptions options, BrokerConfig broker, long bootCount)
    {
        _runtime = runtime;
        _composed = composed;
        _options = options;
        _broker = broker;
        _bootCount = bootCount;
        _journal = new JournalReporter(composed.Device.Storage);
        Jobs = new JobStore(Path.Combine(composed.Config.DataDirectory, "jobs"));
        _outbox = new FleetOutbox(Path.Combine(composed.Config.DataDirectory, "fleet-outbox.db"));
    }

    /// <summary>The connection, once <see cref="Attach"/> made it.</summary>
    public FleetConnection? Connection => _connection;

    public JobStore Jobs { get; }

    private FleetConnection Attached => _connection ?? throw new InvalidOperationException("The fleet link is not attached to an engine.");

    /// <summary>
    /// Wires the engine: the connection (its birth names the version the engine's checkpoint
    /// records as installed), the <c>mqtt:</c> bundle source and a progress report per state.
    /// </summary>
    public void Attach(UpdateEngine engine, string version)
    {
        _engine = engine;
        var config = _composed.Config;
        var identity = new FleetIdentity
        {
            DeviceId = config.DeviceId,
            Board = config.Compatible,
            Compatible = config.Compatible,
            Version = version,
            Slot = _composed.Active.Slot,
            BootCount = _bootCount,
            Agent = _options.AgentVersion,
            Tags = _options.Tags,
        };
        _connection = new FleetConnection(_broker, identity, new FleetTopics(), _outbox, _composed.Device.Clock, _options.Backoff)
        {
            JobReceived = job =>
            {
                _runtime.Receive(job);
                return Task.CompletedTask;
            },
            JobRejected = (jobId, error) =>
            {
                _runtime.Reject(jobId, error);
                return Task.CompletedTask;
            },
            ChunkReceived = OnChunk,
        };
        _composed.Device.Sources.Register(MqttChunkSource.Scheme, location => Source(location[(MqttChunkSource.Scheme.Length + 1)..]));
        engine.StateChanged += OnStateChanged;
    }

    public Task RunAsync(CancellationToken cancellationToken) => Attached.RunAsync(cancellationToken);

    /// <summary>The bundle source of a job: its chunk download, resumed from the bitmap in the job's directory.</summary>
    public IBundleSource Source(string jobId) => new MqttChunkSource(jobId, Download(jobId), Attached);

    /// <inheritdoc/>
    public Task ReportAsync(OutboxEntry outcome, CancellationToken cancellationToken)
    {
        // A commit changed the installed version (a rollback confirms the old one): the retained
        // state says so now, not at the next connect.
        Republish();
        if (Jobs.Load(outcome.Id) is null)
        {
            // Not a fleet job (a local `fwagent install` finished under the daemon): the journal takes it.
            return _journal.ReportAsync(outcome, cancellationToken);
        }

        var (state, result) = ProgressStates.Of(outcome);
        Finish(outcome.Id, state, outcome.ErrorCode is { } code ? new ProgressError { Code = code.ToString(), Detail = Truncate(outcome.Detail ?? "") } : null, result);
        return Task.CompletedTask;
    }

    /// <summary>Queues the job's final report (once: its <c>seq</c> is recorded) and sends it when connected.</summary>
    public void Finish(string jobId, ProgressState state, ProgressError? error, JobOutcome? outcome = null)
    {
        lock (_reporting)
        {
            var total = Jobs.Load(jobId)?.Bundle?.Chunks ?? 0;
            Attached.Queue(new ProgressReport
            {
                JobId = jobId,
                Seq = Jobs.FinalSeq(jobId),
                State = state,
                ChunksDone = state == ProgressState.Committed ? total : 0,
                ChunksTotal = total,
                Error = error,
                Outcome = outcome,
            });
        }

        Flush();
    }

    /// <summary>A <c>downloading</c> report when the chunk count moved since the last one.</summary>
    public void ReportDownload()
    {
        if (_engine?.Checkpoint.Update is { Finished: false, State: UpdateStateName.Downloading } update && _download is { } download && download.ChunksDone != _lastReportedChunks)
        {
            Report(update);
        }
    }

    /// <summary>The job of <paramref name="update"/> when it is still being fetched (offered or downloading) and its deadline has passed.</summary>
    public JobDocument? PastDeadline(UpdateRecord? update, DateTimeOffset now) =>
        update is { Finished: false, State: UpdateStateName.Offered or UpdateStateName.Downloading } && Jobs.Load(update.Id) is { } job && job.Deadline <= now
            ? job
            : null;

    public async Task StopAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _connection.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The broker is away: its will says offline for us.
        }
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _download?.Dispose();
    }

    private void OnStateChanged(UpdateRecord update)
    {
        if (ProgressStates.Of(update.State) is not null)
        {
            Report(update);
        }
    }

    private void Report(UpdateRecord update)
    {
        lock (_reporting)
        {
            // Re-read under the lock: a state report and a download report must take their seqs in the engine's order.
            if (Jobs.IsFinished(update.Id) || Jobs.Load(update.Id) is not { } job || _engine?.Checkpoint.Update is not { } current
                || current.Id != update.Id || ProgressStates.Of(current.State) is not { } state)
            {
                return;
            }

            var total = job.Bundle?.Chunks ?? 0;
            var done = current.State is UpdateStateName.Offered or UpdateStateName.Downloading ? Math.Min(_download?.ChunksDone ?? 0, total) : total;
            _lastReportedChunks = done;
            Attached.Queue(new ProgressReport { JobId = update.Id, Seq = Jobs.NextSeq(update.Id), State = state, ChunksDone = done, ChunksTotal = total });
        }

        Flush();
    }

    /// <summary>Publishes the retained birth again with the version the checkpoint records as installed, off the caller's thread.</summary>
    private void Republish()
    {
        if (_connection is not { } connection)
        {
            return;
        }

        var identity = connection.Identity with { Version = _runtime.InstalledVersion };
        _ = Task.Run(async () =>
        {
            try
            {
                await connection.RepublishAsync(identity, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // Disconnected: the reconnect publishes the birth with this identity.
            }
        });
    }

    /// <summary>Sends what is queued, off the caller's thread; what fails stays queued for the next connect.</summary>
    private void Flush()
    {
        if (_connection is not { IsConnected: true } connection)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await connection.FlushOutboxAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // Disconnected mid-flush: the reconnect flushes again.
            }
        });
    }

    private ChunkDownload Download(string jobId)
    {
        if (_download is { } current && current.JobId == jobId)
        {
            return current;
        }

        var job = Jobs.Load(jobId) ?? throw new UpdateException(UpdateError.SourceUnavailable, transient: false, $"job {jobId} is not recorded on this device");
        var engine = _engine ?? throw new InvalidOperationException("The fleet link is not attached to an engine.");
        _download?.Dispose();
        _download = new ChunkDownload(Jobs.DownloadDirectory(jobId), job, () => engine.Policy(PayloadCheck.Stored), _composed.Device.Clock, _options.Chunks);
        return _download;
    }

    private void OnChunk(ChunkMessage message)
    {
        if (_download is { } download && download.Accept(message) == ChunkVerdict.Refused)
        {
            _options.Log?.Invoke($"chunk {message.Index} of bundle {message.Bundle} refused{(download.LastRefusal is { } why ? $" ({why})" : "")}");
        }
    }

    internal static string Truncate(string detail) => detail.Length <= FleetLimits.MaxErrorDetail ? detail : detail[..FleetLimits.MaxErrorDetail];
}
