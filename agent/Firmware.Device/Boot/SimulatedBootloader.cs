using System.Globalization;
using System.Text;
using Firmware.Device.Slots;
using Firmware.Device.Storage;

namespace Firmware.Device.Boot;

/// <summary>
/// A bootloader simulated over one state file, with the same A/B semantics as the GRUB and U-Boot
/// backends: a trial slot with a try counter that the bootloader itself counts down at each boot,
/// falling back to the primary slot once it reaches zero (U-Boot's <c>bootcount</c>/<c>bootlimit</c>,
/// GRUB's counter in the environment block). Tests and the crash harness use it as the device's
/// bootloader; <see cref="PowerOn"/> is what the firmware does at power-on.
/// </summary>
/// <remarks>
/// The state file is a few <c>key=value</c> lines (<c>primary</c>, <c>trial</c>, <c>tries</c>),
/// rewritten atomically: the new content goes to a temporary file that is synced, then renamed over
/// the old one, so a power cut leaves either the old state or the new one.
/// </remarks>
public sealed class SimulatedBootloader : IBootControl
{
    private const string TemporarySuffix = ".tmp";
    private readonly IDeviceStorage _storage;
    private readonly string _file;

    /// <summary>Creates the bootloader over <paramref name="file"/> in <paramref name="storage"/>.</summary>
    public SimulatedBootloader(IDeviceStorage storage, string file)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(file);
        _storage = storage;
        _file = file;
    }

    /// <inheritdoc/>
    public string Name => "simulated";

    /// <summary>Writes a fresh state (primary <paramref name="primary"/>, no trial) unless a state file exists.</summary>
    public void Initialize(SlotName primary)
    {
        if (!_storage.Exists(_file))
        {
            Write(new BootState(primary, null, 0));
        }
    }

    /// <inheritdoc/>
    public BootState Read()
    {
        string text;
        try
        {
            using var stream = _storage.OpenRead(_file);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            text = reader.ReadToEnd();
        }
        catch (IOException e)
        {
            throw new BootControlException($"{_file}: cannot read the simulated bootloader's state: {e.Message}", e);
        }

        return Parse(text);
    }

    /// <inheritdoc/>
    public void ArmTrial(SlotName slot, int tries)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tries);
        var state = Read();
        if (slot == state.Primary)
        {
            throw new ArgumentException($"Slot {slot.Letter()} is the primary slot; only the other slot can be tried.", nameof(slot));
        }

        // Clamped like the real backends, whose scripts count down from a fixed set of values.
        Write(state with { Trial = slot, TriesLeft = Math.Min(tries, BootVariables.MaxTries) });
    }

    /// <inheritdoc/>
    public void Commit(SlotName slot)
    {
        // Read first: a state that cannot be read is an error for every call, as for the real backends.
        _ = Read();
        Write(new BootState(slot, null, 0));
    }

    /// <inheritdoc/>
    public void Rollback() => Write(Read() with { Trial = null, TriesLeft = 0 });

    /// <summary>
    /// What the firmware does at power-on: picks the slot to boot, and when that is the trial slot,
    /// counts one try down (durably) before booting it, as a real bootloader does.
    /// </summary>
    /// <returns>The slot that boots.</returns>
    public SlotName PowerOn()
    {
        var state = Read();
        if (state.Trial is { } trial && state.TriesLeft > 0)
        {
            Write(state with { TriesLeft = state.TriesLeft - 1 });
            return trial;
        }

        return state.Primary;
    }

    private void Write(BootState state)
    {
        var text = $"primary={state.Primary.Letter()}\ntrial={state.Trial?.Letter()}\ntries={state.TriesLeft.ToString(CultureInfo.InvariantCulture)}\n";
        var temporary = _file + TemporarySuffix;
        try
        {
            _storage.Delete(temporary);
            using (var stream = _storage.OpenWrite(temporary))
            {
                stream.Write(Encoding.ASCII.GetBytes(text));
                stream.Flush();
            }

            _storage.Replace(temporary, _file);
        }
        catch (IOException e)
        {
            throw new BootControlException($"{_file}: cannot write the simulated bootloader's state: {e.Message}", e);
        }
    }

    private BootState Parse(string text)
    {
        SlotName? primary = null, trial = null;
        int? tries = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? line : line[..equals];
            var value = equals < 0 ? "" : line[(equals + 1)..];
            switch (key)
            {
                case "primary" when SlotNames.TryParse(value, out var p):
                    primary = p;
                    break;
                case "trial" when value.Length == 0:
                    trial = null;
                    break;
                case "trial" when SlotNames.TryParse(value, out var t):
                    trial = t;
                    break;
                case "tries" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    tries = n;
                    break;
                default:
                    throw new BootControlException($"{_file}:{i + 1}: unexpected line '{line}' (keys are primary, trial, tries)");
            }
        }

        if (primary is null || tries is null)
        {
            throw new BootControlException($"{_file}: the state lacks '{(primary is null ? "primary" : "tries")}'");
        }

        return new BootState(primary.Value, trial, trial is null ? 0 : tries.Value);
    }
}
