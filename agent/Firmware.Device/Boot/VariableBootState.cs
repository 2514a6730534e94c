using Firmware.Device.Slots;

namespace Firmware.Device.Boot;

/// <summary>
/// The A/B state as <see cref="BootVariables"/> in a name=value environment (GRUB's block, U-Boot's
/// environment): decoding it into a <see cref="BootState"/> and the variable changes that arm,
/// commit and roll back. Pure, so both backends share one meaning of the variables.
/// </summary>
internal static class VariableBootState
{
    /// <summary>Decodes the state; <paramref name="source"/> names the file or device in errors.</summary>
    public static BootState Decode(Func<string, string?> lookup, string source)
    {
        var primary = Slot(lookup, BootVariables.Primary, source) ?? SlotName.A;
        var trial = Slot(lookup, BootVariables.Trial, source);
        var tries = trial is null ? 0 : Tries(lookup(BootVariables.Tries), source);
        return new BootState(primary, trial, tries);
    }

    /// <summary>The slot the script chose for the running boot: <see cref="BootVariables.Booted"/>, or the primary slot.</summary>
    public static SlotName Booted(Func<string, string?> lookup, string source) =>
        Slot(lookup, BootVariables.Booted, source) ?? Slot(lookup, BootVariables.Primary, source) ?? SlotName.A;

    /// <summary>The changes that arm <paramref name="slot"/> for <paramref name="tries"/> boots (null value = remove).</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Arm(SlotName slot, int tries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tries, 1);
        return [new(BootVariables.Trial, slot.Letter()), new(BootVariables.Tries, Math.Min(tries, BootVariables.MaxTries).ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>The changes that make <paramref name="slot"/> primary and disarm the trial.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Commit(SlotName slot) =>
        [new(BootVariables.Primary, slot.Letter()), .. Disarm()];

    /// <summary>The changes that disarm the trial.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Disarm() =>
        [new(BootVariables.Trial, null), new(BootVariables.Tries, null), new(BootVariables.Booted, null)];

    private static SlotName? Slot(Func<string, string?> lookup, string name, string source)
    {
        var value = lookup(name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return SlotNames.TryParse(value, out var slot)
            ? slot
            : throw new BootControlException($"{source}: {name} is '{value}'; expected A or B");
    }

    private static int Tries(string? value, string source)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        return value.Length <= 2 && value.All(char.IsAsciiDigit)
            ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new BootControlException($"{source}: {BootVariables.Tries} is '{value}'; expected a count from 0 to {BootVariables.MaxTries}");
    }
}
