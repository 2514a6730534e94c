using Firmware.Device.Slots;

namespace Firmware.Device.Updates;

/// <content>What an operator may decide instead of the health gate: <c>fwagent commit</c> and <c>fwagent rollback</c>.</content>
public sealed partial class UpdateEngine
{
    /// <summary>Commits the trial that is running, without waiting for the health gate.</summary>
    /// <exception cref="InvalidOperationException">No trial of the new slot is running.</exception>
    public void CommitTrial()
    {
        if (_checkpoint.Update is not { Finished: false, State: UpdateStateName.Trial } update || _device.Booted != update.TargetSlot)
        {
            throw new InvalidOperationException($"no trial is running (booted slot {_device.Booted.Letter()}, update {Describe(_checkpoint.Update)})");
        }

        _device.Boot.Commit(update.TargetSlot);
        Save(_checkpoint with { Update = update with { State = UpdateStateName.Committed, StateEntries = 0 } });
    }

    /// <summary>
    /// Rolls the update in progress back: before a trial it fails (disarming the new slot); during
    /// a trial the device reboots into the old slot at the next <see cref="RunAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No update is in progress, or it is already ending.</exception>
    public void Cancel(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        if (_checkpoint.Update is not { Finished: false } update || States[update.State].Terminal || update.State == UpdateStateName.Reverting)
        {
            throw new InvalidOperationException($"no update can be rolled back ({Describe(_checkpoint.Update)})");
        }

        Save(_checkpoint with { Update = Ending(update, UpdateError.Cancelled, reason) });
    }

    private static string Describe(UpdateRecord? update) =>
        update is null ? "none" : $"{update.Id} {(update.Finished ? "finished" : "in")} {update.State}";
}
