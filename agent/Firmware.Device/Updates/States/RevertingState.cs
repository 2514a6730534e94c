namespace Firmware.Device.Updates.States;

/// <summary>The trial was refused and disarmed: reboot back into the old slot, then the rollback is complete.</summary>
internal sealed class RevertingState : UpdateState
{
    public override UpdateStateName Name => UpdateStateName.Reverting;

    public override Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken)
    {
        var device = context.Device;
        if (device.Booted != update.TargetSlot)
        {
            return Task.FromResult(Step.To(update, UpdateStateName.RolledBack));
        }

        if (device.Boot.Read().Trial is not null)
        {
            device.Boot.Rollback();
        }

        return Task.FromResult(new Step(update, Reboot: true));
    }
}
