namespace Firmware.Device.Updates.States;

/// <summary>A bundle was offered: a local file is read in place; anything else is copied to the data partition first.</summary>
internal sealed class OfferedState : UpdateState
{
    public override UpdateStateName Name => UpdateStateName.Offered;

    public override Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken)
    {
        var local = context.Source(update).LocalPath is not null;
        var next = local
            ? update with { State = UpdateStateName.Verifying, Staged = null }
            : update with { State = UpdateStateName.Downloading, Staged = context.Options.StagingFile, Downloaded = 0 };
        return Task.FromResult(new Step(next));
    }
}
