namespace Firmware.Device.Updates.States;

/// <summary>The update stopped before a trial; if the new slot was armed it is disarmed, so the old slot stays the one that boots.</summary>
internal sealed class FailedState : TerminalState
{
    public override UpdateStateName Name => UpdateStateName.Failed;

    protected override UpdateOutcome Outcome => UpdateOutcome.Failed;
}
