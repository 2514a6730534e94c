using Firmware.Bundles;
using Firmware.Device.Boot;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Updates.States;
using Firmware.Install;

namespace Firmware.Device.Updates;

/// <summary>
/// The update engine: drives an offered bundle through the states (docs/agent.md) over the
/// checkpoint, one step at a time, saving after each, so that a crash or power cut at any point is
/// resumed by running <see cref="RunAsync"/> again.
/// <code>
/// engine.Offer(source);                      // records the offer
/// await engine.RunAsync(ct);                 // runs until a reboot is needed, or the update is over
/// ... reboot ...
/// await engine.RunAsync(ct);                 // trial: health gate, commit or roll back, report
/// </code>
/// </summary>
public sealed partial class UpdateEngine
{
    private static readonly Dictionary<UpdateStateName, UpdateState> States = new UpdateState[]
    {
        new OfferedState(), new DownloadingState(), new VerifyingState(), new WritingState(), new ArmedState(),
        new RebootingState(), new TrialState(), new RevertingState(), new CommittedState(), new RolledBackState(), new FailedState(),
    }.ToDictionary(state => state.Name);

    private readonly UpdateDevice _device;
    private readonly UpdateEngineOptions _options;
    private readonly UpdateContext _context;
    private Checkpoint _checkpoint;

    /// <summary>Creates the engine and loads the checkpoint.</summary>
    public UpdateEngine(UpdateDevice device, UpdateEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        _device = device;
        _options = options;
        _context = new UpdateContext(device, options, SaveProgress);
        _checkpoint = device.Checkpoints.Load();
        _context.Record = _checkpoint.Device;
    }

    /// <summary>The device the engine drives.</summary>
    public UpdateDevice Device => _device;

    /// <summary>The checkpoint as last loaded or saved.</summary>
    public Checkpoint Checkpoint => _checkpoint;

    /// <summary>
    /// Called, on the engine's thread, after each save that moves the update to another state (or
    /// records a new one): the fleet link turns these into progress reports. The state is durable
    /// when it is called.
    /// </summary>
    public event Action<UpdateRecord>? StateChanged;

    /// <summary>The policy bundles are verified under on this device now (trust, board, clock, installed version, floor).</summary>
    public VerificationPolicy Policy(PayloadCheck check) => _context.Policy(check);

    /// <summary>
    /// Records an offer of the bundle in <paramref name="source"/> to install into the inactive slot.
    /// </summary>
    /// <param name="source">Where the bundle is.</param>
    /// <param name="id">The update's id (the fleet's job id); a new one when null.</param>
    /// <returns>The update's id.</returns>
    /// <exception cref="InvalidOperationException">An update is in progress, or the running slot is not the committed one.</exception>
    public string Offer(IBundleSource source, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_checkpoint.Update is { Finished: false } current)
        {
            throw new InvalidOperationException($"update {current.Id} is in progress ({current.State}); finish or roll it back first");
        }

        var boot = _device.Boot.Read();
        if (boot.Primary != _device.Booted)
        {
            throw new InvalidOperationException($"the running slot {_device.Booted.Letter()} is not the committed slot {boot.Primary.Letter()}");
        }

        var update = new UpdateRecord
        {
            Id = id ?? Guid.NewGuid().ToString("n"),
            Source = source.Location,
            Payload = _options.Payload,
            State = UpdateStateName.Offered,
            ActiveSlot = _device.Booted,
            Offered = _device.Clock.GetUtcNow(),
        };
        _context.LiveSources[update.Id] = source;
        Save(_checkpoint with { Update = update });
        return update.Id;
    }

    /// <summary>
    /// Runs the update from its checkpoint until it needs a reboot or is over, then delivers any
    /// outcome not yet acknowledged.
    /// </summary>
    public async Task<EngineStop> RunAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await DeliverAsync(cancellationToken);
            if (_checkpoint.Update is not { Finished: false } update)
            {
                return EngineStop.Idle;
            }

            var state = States[update.State];
            update = update with { StateEntries = update.StateEntries + 1 };
            if (update.StateEntries > _options.MaxStateEntries)
            {
                LoopBroken(state, update);
                continue;
            }

            Save(_checkpoint with { Update = update });
            if (await RunStepAsync(state, update, cancellationToken) is { Reboot: true })
            {
                Reboot(update.State);
                return EngineStop.RebootRequested;
            }
        }
    }

    private async Task<Step?> RunStepAsync(UpdateState state, UpdateRecord update, CancellationToken cancellationToken)
    {
        Step step;
        try
        {
            step = await state.RunAsync(_context, update, cancellationToken);
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            if (Failed(update, failure) && _options.RetryDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.RetryDelay, _device.Clock, cancellationToken);
            }

            return null;
        }

        var next = step.Update with { StateEntries = step.Update.State == update.State ? step.Update.StateEntries : 0 };
        if (step.Outcome is { } outcome)
        {
            var history = _checkpoint.Outbox.Where(entry => !entry.Acknowledged || entry.Id != outcome.Id).TakeLast(_options.OutboxHistory - 1);
            Save(_checkpoint with { Update = next, Outbox = [.. history, outcome], Device = step.Device ?? _checkpoint.Device });
        }
        else
        {
            Save(_checkpoint with { Update = next });
        }

        return step;
    }

    /// <summary>
    /// Reboots after the checkpoint is saved: into the trial through the backend when its trial is
    /// armed by the reboot itself (Raspberry Pi tryboot), with a plain restart otherwise.
    /// </summary>
    private void Reboot(UpdateStateName state)
    {
        if (state == UpdateStateName.Rebooting && _device.Boot is ITrialReboot trial)
        {
            trial.RebootIntoTrial();
            return;
        }

        _device.Reboot.Restart(null);
    }

    private UpdateRecord SaveProgress(UpdateRecord update)
    {
        Save(_checkpoint with { Update = update });
        return update;
    }

    private void Save(Checkpoint checkpoint)
    {
        var before = _checkpoint.Update;
        _checkpoint = _device.Checkpoints.Save(checkpoint);
        _context.Record = _checkpoint.Device;
        if (_checkpoint.Update is { } after && (before?.Id != after.Id || before.State != after.State))
        {
            StateChanged?.Invoke(after);
        }
    }

    /// <summary>The failures a step may end in, as update exceptions; null for bugs and crashes, which propagate.</summary>
    private static UpdateException? Classify(Exception e) => e switch
    {
        UpdateException update => update,
        BundleException bundle => new UpdateException(UpdateError.BundleRejected, transient: false, bundle.Describe(), bundle),
        SlotTooSmallException small => new UpdateException(UpdateError.SlotTooSmall, transient: false, small.Message, small),
        BootControlException boot => new UpdateException(UpdateError.BootControl, transient: true, boot.Message, boot),
        IOException io => UpdateContext.Io(io, UpdateError.SlotIo, "I/O"),
        _ => null,
    };
}
