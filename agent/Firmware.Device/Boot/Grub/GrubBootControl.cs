using Firmware.Boot;
using Firmware.Device.IO;
using Firmware.Device.Slots;

namespace Firmware.Device.Boot.Grub;

/// <summary>
/// Boot control over GRUB's environment block (a file, usually <c>EFI/BOOT/grubenv</c> on the ESP),
/// the file that <c>grub-editenv</c> edits and that <c>boards/common/grub/ab.cfg</c> reads with
/// <c>load_env</c> and counts down with <c>save_env</c>. Variables: <see cref="BootVariables"/>.
/// </summary>
/// <remarks>
/// Writes rewrite the block in place at its existing size and fsync it, never a temporary file and
/// a rename: GRUB's <c>save_env</c> writes the sectors it found under the file and refuses a file
/// whose size or blocks it cannot map, and a rename on FAT rewrites directory entries and the
/// allocation table, which FAT cannot do atomically. An in-place rewrite of an unchanged size
/// touches only the file's data sectors. The A/B variables sit in the block's first 512-byte
/// sector (signature and warning take 94 bytes), and the rest is '#' padding in both the old and
/// the new block, so a torn two-sector write still leaves either the old or the new state.
/// </remarks>
public sealed class GrubBootControl : IBootControl, IBootedSlotRecord
{
    /// <summary>The name the backend is registered under.</summary>
    public const string BackendName = "grub";

    private readonly string _path;

    /// <summary>Creates the backend over the environment block at <paramref name="environmentFile"/>.</summary>
    public GrubBootControl(string environmentFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(environmentFile);
        _path = environmentFile;
    }

    /// <inheritdoc/>
    public string Name => BackendName;

    /// <inheritdoc/>
    public BootState Read()
    {
        var block = Load(out _);
        return VariableBootState.Decode(name => block[name], _path);
    }

    /// <inheritdoc/>
    public SlotName ReadBootedSlot()
    {
        var block = Load(out _);
        return VariableBootState.Booted(name => block[name], _path);
    }

    /// <inheritdoc/>
    public void ArmTrial(SlotName slot, int tries) => Apply(VariableBootState.Arm(slot, tries));

    /// <inheritdoc/>
    public void Commit(SlotName slot) => Apply(VariableBootState.Commit(slot));

    /// <inheritdoc/>
    public void Rollback() => Apply(VariableBootState.Disarm());

    private void Apply(IReadOnlyList<KeyValuePair<string, string?>> changes)
    {
        var block = Load(out var original);
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                block.Remove(name);
            }
            else
            {
                block.Set(name, value);
            }
        }

        byte[] updated;
        try
        {
            updated = block.ToBytes(original.Length);
        }
        catch (BootEnvironmentException e)
        {
            throw new BootControlException($"{_path}: {e.Message}", e);
        }

        if (updated.AsSpan().SequenceEqual(original))
        {
            return; // already in this state: no write, no wear
        }

        try
        {
            DurableFile.WriteInPlace(_path, 0, updated);
        }
        catch (IOException e)
        {
            throw new BootControlException($"{_path}: cannot write the GRUB environment block: {e.Message}", e);
        }
    }

    private GrubEnvironmentBlock Load(out byte[] bytes)
    {
        try
        {
            bytes = File.ReadAllBytes(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BootControlException($"{_path}: cannot read the GRUB environment block ({e.Message}); GRUB's save_env needs the file to exist: create it with 'grub-editenv {_path} create'", e);
        }

        try
        {
            return GrubEnvironmentBlock.Parse(bytes);
        }
        catch (BootEnvironmentException e)
        {
            throw new BootControlException($"{_path}: {e.Message}", e);
        }
    }
}
