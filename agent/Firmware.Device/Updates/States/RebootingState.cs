namespace Firmware.Device.Updates.States;

/// <summary>
/// Waits for the reboot into the trial: booted into the new slot means the trial runs; the trial
/// still armed with every try left means the reboot has not happened yet, so it is requested (again);
/// anything else means the bootloader used up the tries and fell back: the new slot did not boot.
/// </summary>
internal sealed class RebootingState : UpdateState
{
    public override UpdateStateName Name => UpdateStateName.Rebooting;

    public override Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken)
    {
        if (context.Device.Booted == update.TargetSlot)
        {
            return Task.FromResult(Step.To(update, UpdateStateName.Trial));
        }

        var boot = context.Device.Boot.Read();
        if (boot.Trial == update.TargetSlot && boot.TriesLeft > 0)
        {
            return Task.FromResult(new Step(update, Reboot: true));
        }

        return Task.FromResult(TrialState.FellBack(context, update));
    }
}
