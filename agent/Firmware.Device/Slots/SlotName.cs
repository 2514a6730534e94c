namespace Firmware.Device.Slots;

/// <summary>The two root filesystem slots of an A/B device.</summary>
public enum SlotName
{
    /// <summary>Slot A, the one a freshly flashed image boots.</summary>
    A,

    /// <summary>Slot B.</summary>
    B,
}

/// <summary>Helpers over <see cref="SlotName"/>.</summary>
public static class SlotNames
{
    /// <summary>The slot that is not <paramref name="slot"/>.</summary>
    public static SlotName Other(this SlotName slot) => slot == SlotName.A ? SlotName.B : SlotName.A;

    /// <summary>The slot's name as bootloader variables and the kernel command line spell it ("A", "B").</summary>
    public static string Letter(this SlotName slot) => slot == SlotName.A ? "A" : "B";

    /// <summary>Parses "A"/"B" (case-insensitive); returns false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SlotName slot)
    {
        if (text.Equals("A", StringComparison.OrdinalIgnoreCase)) { slot = SlotName.A; return true; }
        if (text.Equals("B", StringComparison.OrdinalIgnoreCase)) { slot = SlotName.B; return true; }
        slot = default;
        return false;
    }
}
