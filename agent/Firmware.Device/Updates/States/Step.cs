namespace Firmware.Device.Updates.States;

/// <summary>What a state's step produced: the updated record (naming the next state), and what the engine does next.</summary>
/// <param name="Update">The record to checkpoint; its <see cref="UpdateRecord.State"/> is the next state.</param>
/// <param name="Reboot">Request a reboot after the checkpoint is saved, then stop.</param>
/// <param name="Outcome">Set by terminal states: the update is finished and this goes to the outbox in the same save.</param>
/// <param name="Device">Set when the device record changes (a commit raises the installed version and floor).</param>
internal readonly record struct Step(UpdateRecord Update, bool Reboot = false, OutboxEntry? Outcome = null, DeviceRecord? Device = null)
{
    public static Step To(UpdateRecord update, UpdateStateName next) => new(update with { State = next });

    /// <summary>Ends the update with <paramref name="next"/> (a terminal state), recording why.</summary>
    public static Step Ending(UpdateRecord update, UpdateStateName next, UpdateError error, string reason) =>
        new(update with { State = next, ErrorCode = error, Error = reason });
}
