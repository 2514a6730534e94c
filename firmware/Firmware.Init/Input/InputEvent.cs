using System.Buffers.Binary;

namespace Firmware.Init.Input;

/// <summary>
/// One record of a Linux evdev device (/dev/input/eventN, linux/input.h's <c>struct input_event</c>)
/// on a 64-bit kernel: a 16-byte timeval, then u16 type, u16 code and s32 value, little-endian on
/// both boards' architectures (x86-64, arm64). The time is not needed and not kept.
/// </summary>
public readonly record struct InputEvent(ushort Type, ushort Code, int Value)
{
    /// <summary>The size of one record.</summary>
    public const int Size = 24;

    private const ushort KeyEvent = 1; // EV_KEY
    private const ushort PowerKey = 116; // KEY_POWER
    private const int Pressed = 1; // 0 is a release, 2 an autorepeat

    /// <summary>The power key going down: what ACPI's power button (and QEMU's <c>system_powerdown</c>) sends.</summary>
    public bool IsPowerButtonPress => Type == KeyEvent && Code == PowerKey && Value == Pressed;

    /// <summary>The record at the start of <paramref name="record"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="record"/> is shorter than <see cref="Size"/>.</exception>
    public static InputEvent Read(ReadOnlySpan<byte> record)
    {
        if (record.Length < Size)
        {
            throw new ArgumentException($"an input event is {Size} bytes, not {record.Length}", nameof(record));
        }

        return new InputEvent(
            BinaryPrimitives.ReadUInt16LittleEndian(record[16..]),
            BinaryPrimitives.ReadUInt16LittleEndian(record[18..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[20..]));
    }
}
