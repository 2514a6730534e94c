namespace Firmware.Device.Updates.States;

/// <summary>
/// One state of the update engine: handles one step and names the next. Every step is idempotent:
/// after a crash at any point the engine runs the same step again from the last checkpoint, and
/// each step first reconciles with what the device shows (the booted slot, the bootloader's state).
/// </summary>
internal abstract class UpdateState
{
    /// <summary>The state this type handles.</summary>
    public abstract UpdateStateName Name { get; }

    /// <summary>True for the states that end an update.</summary>
    public virtual bool Terminal => false;

    /// <summary>Runs the step.</summary>
    public abstract Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken);
}
