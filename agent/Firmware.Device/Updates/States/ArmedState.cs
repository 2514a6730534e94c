namespace Firmware.Device.Updates.States;

/// <summary>
/// The slot is written and proven: arm a one-shot trial boot of it. Arming again after a crash
/// only resets the try counter. If a power cut already rebooted the device into the armed trial,
/// go straight to the trial.
/// </summary>
internal sealed class ArmedState : UpdateState
{
    public override UpdateStateName Name => UpdateStateName.Armed;

    public override Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken)
    {
        if (context.Device.Booted == update.TargetSlot)
        {
            return Task.FromResult(Step.To(update, UpdateStateName.Trial));
        }

        context.Device.Boot.ArmTrial(update.TargetSlot, context.Options.TrialTries);
        return Task.FromResult(Step.To(update, UpdateStateName.Rebooting));
    }
}
