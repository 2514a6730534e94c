namespace Firmware.Device.Updates.States;

/// <summary>
/// Copies the bundle to the data partition, resuming from the last durable byte: the copy is
/// synced and the resume point checkpointed every <see cref="UpdateEngineOptions.DownloadSyncInterval"/>
/// bytes, and anything past the checkpointed point (possibly torn by a power cut) is cut off first.
/// </summary>
internal sealed class DownloadingState : UpdateState
{
    private const int BufferSize = 1 << 20;

    public override UpdateStateName Name => UpdateStateName.Downloading;

    public override async Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken)
    {
        var staged = update.Staged ?? throw new InvalidOperationException("A download needs a staging file.");
        var source = context.Source(update);
        Stream file;
        try
        {
            file = context.Device.Storage.OpenWrite(staged);
            file.SetLength(update.Downloaded);
            file.Position = update.Downloaded;
        }
        catch (IOException e)
        {
            throw UpdateContext.Io(e, UpdateError.SlotIo, staged);
        }

        using (file)
        {
            using var input = await source.OpenAsync(update.Downloaded, cancellationToken);
            var buffer = new byte[(int)Math.Min(BufferSize, context.Options.DownloadSyncInterval)];
            var position = update.Downloaded;
            var synced = position;
            while (true)
            {
                var read = await input.ReadAsync(buffer, cancellationToken);
                try
                {
                    if (read > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        position += read;
                    }

                    if (read == 0 || position - synced >= context.Options.DownloadSyncInterval)
                    {
                        file.Flush();
                        synced = position;
                        update = context.SaveProgress(update with { Downloaded = position });
                    }
                }
                catch (IOException e)
                {
                    throw UpdateContext.Io(e, UpdateError.SlotIo, staged);
                }

                if (read == 0)
                {
                    return Step.To(update, UpdateStateName.Verifying);
                }
            }
        }
    }
}
