namespace Firmware.Device.Updates.States;

/// <summary>
/// A state that ends the update: it leaves the bootloader as the outcome requires (idempotently),
/// removes the staged bundle, and hands the outcome to the engine, which records it in the outbox in
/// the same checkpoint save that marks the update finished.
/// </summary>
internal abstract class TerminalState : UpdateState
{
    public override bool Terminal => true;

    /// <summary>The outcome this state reports.</summary>
    protected abstract UpdateOutcome Outcome { get; }

    public override Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken)
    {
        var device = Settle(context, update);
        if (update.Staged is { } staged)
        {
            context.Device.Storage.Delete(staged);
        }

        return Task.FromResult(Finish(update, device));
    }

    /// <summary>Finishes without touching the device: for a terminal state that keeps failing.</summary>
    public Step Finish(UpdateRecord update, DeviceRecord? device = null)
    {
        var entry = new OutboxEntry
        {
            Id = update.Id,
            Outcome = Outcome,
            Version = update.Version,
            Slot = Outcome == UpdateOutcome.Committed ? update.TargetSlot : update.ActiveSlot,
            Detail = Outcome == UpdateOutcome.Committed ? null : update.Error,
            ErrorCode = Outcome == UpdateOutcome.Committed ? null : update.ErrorCode,
        };
        return new Step(update with { Finished = true }, Outcome: entry, Device: device);
    }

    /// <summary>
    /// Brings the bootloader into the outcome's state and returns a changed device record, if any.
    /// By default: make sure no trial stays armed, so the old slot is the one that boots.
    /// </summary>
    protected virtual DeviceRecord? Settle(UpdateContext context, UpdateRecord update)
    {
        if (context.Device.Boot.Read().Trial is not null)
        {
            context.Device.Boot.Rollback();
        }

        return null;
    }
}
