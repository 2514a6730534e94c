using Firmware.Device.Updates.States;

namespace Firmware.Device.Updates;

/// <content>Failures: retry what is transient, end the update on what is fatal or loops.</content>
public sealed partial class UpdateEngine
{
    /// <summary>Records a failed step; returns true when the step will be retried.</summary>
    private bool Failed(UpdateRecord update, UpdateException failure)
    {
        if (failure.Transient && update.Attempts < _options.MaxAttempts && !States[update.State].Terminal)
        {
            // Stay in the same state; the loop runs it again after the pause.
            Save(_checkpoint with { Update = update with { Attempts = update.Attempts + 1, Error = failure.Message, ErrorCode = failure.Error } });
            return true;
        }

        var error = failure.Transient ? UpdateError.RetriesExhausted : failure.Error;
        var reason = failure.Transient ? $"gave up after {update.Attempts + 1} attempts: {failure.Message}" : failure.Message;
        Save(_checkpoint with { Update = Ending(update, error, reason) });
        return false;
    }

    /// <summary>A state started more often than allowed: end the update, or finish a terminal state without its side effects.</summary>
    private void LoopBroken(UpdateState state, UpdateRecord update)
    {
        var reason = $"state {state.Name} was started {update.StateEntries - 1} times without finishing";
        if (state is TerminalState terminal)
        {
            var step = terminal.Finish(update with { StateEntries = 0 });
            Save(_checkpoint with { Update = step.Update, Outbox = [.. _checkpoint.Outbox, step.Outcome!] });
            return;
        }

        Save(_checkpoint with { Update = Ending(update, UpdateError.Loop, reason) });
    }

    /// <summary>
    /// Where a failed update goes: once the device runs the new slot on trial, back to the old
    /// slot (<see cref="UpdateStateName.Reverting"/>); before that, <see cref="UpdateStateName.Failed"/>,
    /// which disarms any trial. A failure in a terminal state finishes it as it is.
    /// </summary>
    private UpdateRecord Ending(UpdateRecord update, UpdateError error, string reason)
    {
        var next = States[update.State].Terminal ? update.State
            : _device.Booted == update.TargetSlot ? UpdateStateName.Reverting
            : UpdateStateName.Failed;
        return update with { State = next, StateEntries = next == update.State ? update.StateEntries : 0, Error = reason, ErrorCode = error };
    }
}
