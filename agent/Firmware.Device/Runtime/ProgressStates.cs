using Firmware.Device.Led;
using Firmware.Device.Updates;
using Firmware.Fleet.Payloads;

namespace Firmware.Device.Runtime;

/// <summary>How the engine's states read on the fleet's <c>progress</c> topic (docs/protocol.md 3.4) and on the status LED.</summary>
internal static class ProgressStates
{
    /// <summary>The progress state of a step in progress; null for the terminal states, which are reported with their outcome.</summary>
    public static ProgressState? Of(UpdateStateName state) => state switch
    {
        UpdateStateName.Offered => ProgressState.Accepted,
        UpdateStateName.Downloading => ProgressState.Downloading,
        UpdateStateName.Verifying => ProgressState.Verifying,
        UpdateStateName.Writing => ProgressState.Writing,
        UpdateStateName.Armed => ProgressState.Armed,
        UpdateStateName.Rebooting => ProgressState.Rebooting,
        UpdateStateName.Trial => ProgressState.Trial,
        UpdateStateName.Reverting => ProgressState.Reverting,
        _ => null,
    };

    /// <summary>The final report's state and outcome: an update the controller cancelled is <c>cancelled</c>, which carries no outcome.</summary>
    public static (ProgressState State, JobOutcome? Outcome) Of(OutboxEntry outcome) => outcome.Outcome switch
    {
        UpdateOutcome.Committed => (ProgressState.Committed, JobOutcome.Committed),
        UpdateOutcome.RolledBack => (ProgressState.RolledBack, JobOutcome.RolledBack),
        _ when outcome.ErrorCode == UpdateError.Cancelled => (ProgressState.Cancelled, null),
        _ => (ProgressState.Failed, JobOutcome.Failed),
    };

    /// <summary>The LED pattern for the update in progress, or for an idle device by its connection.</summary>
    public static LedState Led(UpdateRecord? update, bool connected) => update switch
    {
        { Finished: false, State: UpdateStateName.Offered or UpdateStateName.Downloading } => LedState.Downloading,
        { Finished: false, State: UpdateStateName.Verifying or UpdateStateName.Writing or UpdateStateName.Armed } => LedState.Installing,
        { Finished: false, State: UpdateStateName.Rebooting or UpdateStateName.Reverting } => LedState.Rebooting,
        { Finished: false, State: UpdateStateName.Trial } => LedState.Trial,
        { Finished: true, State: UpdateStateName.Failed or UpdateStateName.RolledBack } => LedState.Failed,
        _ => connected ? LedState.Idle : LedState.Offline,
    };
}
