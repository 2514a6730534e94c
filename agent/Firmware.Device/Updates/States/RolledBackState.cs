namespace Firmware.Device.Updates.States;

/// <summary>The old slot runs again after a refused or failed trial; no trial stays armed.</summary>
internal sealed class RolledBackState : TerminalState
{
    public override UpdateStateName Name => UpdateStateName.RolledBack;

    protected override UpdateOutcome Outcome => UpdateOutcome.RolledBack;
}
