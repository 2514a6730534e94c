using Firmware.Versioning;

namespace Firmware.Device.Updates.States;

/// <summary>The new slot is primary: record the installed version and raise the anti-rollback floor.</summary>
internal sealed class CommittedState : TerminalState
{
    public override UpdateStateName Name => UpdateStateName.Committed;

    protected override UpdateOutcome Outcome => UpdateOutcome.Committed;

    protected override DeviceRecord? Settle(UpdateContext context, UpdateRecord update)
    {
        if (context.Device.Boot.Read().Primary != update.TargetSlot)
        {
            context.Device.Boot.Commit(update.TargetSlot);
        }

        var floor = context.Record.Floor;
        if (update.MinVersion is { } raised && (floor is null || FirmwareVersion.Parse(raised) > FirmwareVersion.Parse(floor)))
        {
            floor = raised;
        }

        return context.Record with { InstalledVersion = update.Version, Floor = floor };
    }
}
