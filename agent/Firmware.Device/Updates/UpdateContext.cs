using Firmware.Bundles;
using Firmware.Device.Sources;
using Firmware.Versioning;

namespace Firmware.Device.Updates;

/// <summary>What a state's step works with: the device, the options, the checkpoint's device record and the open sources.</summary>
internal sealed class UpdateContext(UpdateDevice device, UpdateEngineOptions options, Func<UpdateRecord, UpdateRecord> saveProgress)
{
    private const int NoSpace = 28;
    private const int QuotaExceeded = 122;

    public UpdateDevice Device { get; } = device;

    public UpdateEngineOptions Options { get; } = options;

    /// <summary>The device record of the current checkpoint.</summary>
    public DeviceRecord Record { get; set; } = new();

    /// <summary>Sources offered in this process, by update id: a one-shot stream exists only here.</summary>
    public Dictionary<string, IBundleSource> LiveSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Checkpoints progress inside a step (a download's resume point) and returns what was saved.</summary>
    public UpdateRecord SaveProgress(UpdateRecord update) => saveProgress(update);

    /// <summary>The update's bundle source: the one offered in this process, or reopened from its location.</summary>
    public IBundleSource Source(UpdateRecord update) =>
        LiveSources.TryGetValue(update.Id, out var live) ? live : Device.Sources.Reopen(update.Source);

    /// <summary>Opens the bundle from its start: the staged copy when there is one, else the source itself.</summary>
    public async Task<Stream> OpenBundleAsync(UpdateRecord update, CancellationToken cancellationToken)
    {
        if (update.Staged is { } staged)
        {
            try
            {
                return Device.Storage.OpenRead(staged);
            }
            catch (IOException e)
            {
                throw Io(e, UpdateError.SourceUnavailable, $"staged bundle {staged}");
            }
        }

        return await Source(update).OpenAsync(0, cancellationToken);
    }

    /// <summary>The verification policy: the device's trust, board, clock, installed version and floor.</summary>
    public VerificationPolicy Policy(PayloadCheck check) => new()
    {
        Trust = Options.Trust,
        Now = Device.Clock.GetUtcNow(),
        Board = Options.Board,
        InstalledVersion = Record.InstalledVersion is { } installed ? FirmwareVersion.Parse(installed) : Options.InstalledVersion,
        Floor = Record.Floor is { } floor ? FirmwareVersion.Parse(floor) : null,
        Check = check,
    };

    /// <summary>Classifies an I/O failure: a full disk is fatal, anything else may pass on retry.</summary>
    public static UpdateException Io(IOException e, UpdateError transientError, string what) =>
        e.HResult is NoSpace or QuotaExceeded
            ? new UpdateException(UpdateError.NoSpace, transient: false, $"{what}: no space left: {e.Message}", e)
            : new UpdateException(transientError, transient: true, $"{what}: {e.Message}", e);
}
