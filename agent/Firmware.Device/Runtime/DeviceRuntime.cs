using Firmware.Device.Fleet;
using Firmware.Device.Telemetry;
using Firmware.Device.Updates;
using Firmware.Device.Slots;

namespace Firmware.Device.Runtime;

/// <summary>
/// The device runtime behind <c>fwagent run</c> and each device of <c>fwtool simulate</c>
/// (docs/agent.md, "The daemon"). On start it resumes the update engine from its checkpoint (after
/// a trial boot: the health gate, commit or roll back, the outcome reported once). With a broker
/// in agent.yml it then keeps the fleet connection up, hands each job to the engine (see
/// <c>DeviceRuntime.Jobs.cs</c>), turns the engine's states into <c>progress</c> reports and
/// publishes telemetry through the offline ring; without one it runs offline, sampling telemetry
/// into the ring. Stopping (SIGTERM) cancels at a safe point: every step is resumable.
/// </summary>
public sealed partial class DeviceRuntime : IDisposable
{
    private readonly ComposedDevice _composed;
    private readonly RuntimeOptions _options;
    private readonly TimeProvider _clock;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private UpdateEngine? _engine;
    private TelemetryRing? _ring;
    private FleetLink? _fleet;

    /// <summary>Creates the runtime of <paramref name="composed"/> (it starts in <see cref="RunAsync"/>).</summary>
    public DeviceRuntime(ComposedDevice composed, RuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(composed);
        _composed = composed;
        _options = options ?? new RuntimeOptions();
        _clock = composed.Device.Clock;
    }

    /// <summary>Completes with a one-line summary once the runtime is up (the checkpoint loaded, the loops started).</summary>
    public Task<string> Ready => _ready.Task;

    /// <summary>The engine, once started.</summary>
    public UpdateEngine Engine => _engine ?? throw new InvalidOperationException("The runtime has not started.");

    /// <summary>The device's clock now (job deadlines are compared with it).</summary>
    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>The engine's checkpoint, once started (null before).</summary>
    public Checkpoint? Checkpoint => _engine?.Checkpoint;

    /// <summary>The fleet connection, when agent.yml has a broker and the runtime has started.</summary>
    public FleetConnection? Connection => _fleet?.Connection;

    /// <summary>Telemetry samples waiting in the offline ring.</summary>
    public int TelemetryBuffered => _ring?.Count ?? 0;

    /// <summary>Completes when the engine has asked for a reboot (the device is about to restart).</summary>
    public Task RebootRequested => _rebootRequested.Task;

    private readonly TaskCompletionSource _rebootRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var config = _composed.Config;
        Directory.CreateDirectory(config.DataDirectory);
        var bootCount = BootCounter.Count(config.DataDirectory, RootsOf());
        var ring = _ring = new TelemetryRing(Path.Combine(config.DataDirectory, "telemetry.db"), config.Telemetry.RingCapacity);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var token = running.Token;
        try
        {
            if (config.Broker is { } broker)
            {
                _fleet = new FleetLink(this, _composed, _options, broker, bootCount);
                _engine = _composed.Engine(_fleet);
                _fleet.Attach(_engine, InstalledVersion);
            }
            else
            {
                _engine = _composed.Engine();
            }

            _engine.StateChanged += update =>
            {
                _options.Led?.Show(ProgressStates.Led(update, Connection?.IsConnected == true));
                Log($"update {update.Id} ({update.Version ?? "version not yet known"}, slot {update.TargetSlot.Letter()}): {update.State}{(update.Error is { } error ? $": {error}" : "")}");
            };
            var collector = new TelemetryCollector(config, RootsOf(), new StatvfsFileSystemStats(), _clock);
            var telemetry = new TelemetryLoop(ring, Connection, () => collector.Collect(Facts(bootCount)), config.Telemetry.Interval, _clock);
            ShowLed();
            var loops = new List<Task>
            {
                WorkAsync(token),
                telemetry.RunAsync(token),
                TickAsync(token),
            };
            if (_fleet is not null)
            {
                loops.Add(_fleet.RunAsync(token));
            }

            _ready.TrySetResult($"device {config.DeviceId}, slot {_composed.Active.Slot.Letter()}, boot {bootCount}, "
                + (config.Broker is { } b ? $"broker {b.Url}" : "offline") + $", update {Describe(_engine.Checkpoint.Update)}, {ring.Count} telemetry samples buffered");
            await WhenStopped(loops, running).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            throw;
        }
        finally
        {
            if (_fleet is not null)
            {
                await _fleet.StopAsync().ConfigureAwait(false);
            }

            Dispose();
            _ring = null;
        }
    }

    /// <summary>Closes the fleet link's connection and files (<see cref="RunAsync"/> does it when it ends).</summary>
    public void Dispose()
    {
        _fleet?.Dispose();
        _fleet = null;
    }

    /// <summary>Waits for the stop, or for a loop that ends by itself with a failure (which stops the rest and is rethrown).</summary>
    private static async Task WhenStopped(List<Task> loops, CancellationTokenSource running)
    {
        var first = await Task.WhenAny(loops).ConfigureAwait(false);
        await running.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The stop reached each loop at a safe point.
        }

        if (first.IsFaulted)
        {
            await first.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The engine's loop: run the update from its checkpoint until it needs a reboot or is over,
    /// then take the next job. A reboot request ends the work: the init restarts the device.
    /// </summary>
    private async Task WorkAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(stop);
            _run = run;
            try
            {
                if (await Engine.RunAsync(run.Token).ConfigureAwait(false) == EngineStop.RebootRequested)
                {
                    Log($"rebooting into slot {Engine.Checkpoint.Update?.TargetSlot.Letter()} for update {Engine.Checkpoint.Update?.Id}");
                    _rebootRequested.TrySetResult();
                    await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                // A job interrupted the run (a cancel during the download, a rollback during the health gate).
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log($"the update engine stopped: {e.Message}; running it again in {_options.RetryDelay.TotalSeconds:0} s");
                await Task.Delay(_options.RetryDelay, _clock, stop).ConfigureAwait(false);
                continue;
            }
            finally
            {
                _run = null;
            }

            ShowLed();
            await TakeJobsAsync(stop).ConfigureAwait(false);
        }

        stop.ThrowIfCancellationRequested();
    }

    /// <summary>Every progress interval: the download's chunk count on <c>progress</c>, a download past its job's deadline stopped, and the LED by the connection.</summary>
    private async Task TickAsync(CancellationToken stop)
    {
        while (true)
        {
            await Task.Delay(_options.ProgressInterval, _clock, stop).ConfigureAwait(false);
            _fleet?.ReportDownload();
            if (_fleet?.PastDeadline(_engine?.Checkpoint.Update, _clock.GetUtcNow()) is { } expired)
            {
                // Past its deadline a job is not continued (docs/protocol.md 3.3): as if cancelled.
                Receive(expired with { Action = Firmware.Fleet.Payloads.JobAction.Cancel, Bundle = null });
            }

            ShowLed();
        }
    }

    private void ShowLed() => _options.Led?.Show(ProgressStates.Led(_engine?.Checkpoint.Update, Connection?.IsConnected == true));

    private EngineFacts Facts(long bootCount) => new(_composed.Active.Slot, InstalledVersion, bootCount);

    /// <summary>The version running: the last committed update's, or the one flashed.</summary>
    internal string InstalledVersion =>
        _engine?.Checkpoint.Device.InstalledVersion ?? _composed.Options.InstalledVersion?.ToString() ?? "unknown";

    private SystemRoots RootsOf() => _composed.Host.Roots;

    private void Log(string line) => _options.Log?.Invoke(line);

    private static string Describe(UpdateRecord? update) =>
        update is null ? "none" : $"{update.Id} {(update.Finished ? "finished" : "at")} {update.State}";
}
