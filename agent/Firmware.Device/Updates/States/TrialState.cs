namespace Firmware.Device.Updates.States;

/// <summary>
/// Running the new slot on trial: run the health gate, then commit it or roll back. What the
/// bootloader already shows wins over running the gate again: a crash after the commit or the
/// rollback call, before the checkpoint, is resumed from there.
/// </summary>
internal sealed class TrialState : UpdateState
{
    public override UpdateStateName Name => UpdateStateName.Trial;

    public override async Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken)
    {
        var device = context.Device;
        if (device.Booted != update.TargetSlot)
        {
            return FellBack(context, update);
        }

        var boot = device.Boot.Read();
        if (boot.Primary == update.TargetSlot)
        {
            return Step.To(update, UpdateStateName.Committed);
        }

        if (boot.Trial != update.TargetSlot)
        {
            return Step.To(update, UpdateStateName.Reverting);
        }

        var verdict = await device.Health.CheckAsync(cancellationToken);
        if (verdict.Healthy)
        {
            device.Boot.Commit(update.TargetSlot);
            return Step.To(update, UpdateStateName.Committed);
        }

        device.Boot.Rollback();
        return Step.Ending(update, UpdateStateName.Reverting, UpdateError.Unhealthy, $"health gate failed: {verdict.Reason}");
    }

    /// <summary>The device runs the old slot again without the agent having decided so: the bootloader fell back.</summary>
    public static Step FellBack(UpdateContext context, UpdateRecord update) =>
        Step.Ending(update, UpdateStateName.RolledBack, UpdateError.TrialBootFailed,
            $"slot {update.TargetSlot} did not come up healthy within {context.Options.TrialTries} boot tries; the bootloader fell back to {update.ActiveSlot}");
}
