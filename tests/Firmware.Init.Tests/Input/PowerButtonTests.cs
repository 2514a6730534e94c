using System.Buffers.Binary;
using Firmware.Init.Input;

namespace Firmware.Init.Tests.Input;

/// <summary>evdev records as the kernel writes them, read from memory and from a FIFO fed in pieces.</summary>
[Trait("Category", "Unit")]
public sealed class PowerButtonTests
{
    // struct input_event on 64-bit: tv_sec, tv_usec (8 bytes each), type, code, value.
    internal static byte[] Record(ushort type, ushort code, int value)
    {
        var record = new byte[InputEvent.Size];
        BinaryPrimitives.WriteInt64LittleEndian(record, 1_764_000_000);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(8), 123_456);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(16), type);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(18), code);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(20), value);
        return record;
    }

    internal static byte[] PowerPress => Record(1, 116, 1);

    private static readonly byte[] Sync = Record(0, 0, 0);

    [Fact]
    public void A_record_is_type_code_and_value_after_the_timeval()
    {
        Assert.Equal(new InputEvent(1, 116, -2), InputEvent.Read(Record(1, 116, -2)));
        Assert.True(InputEvent.Read(PowerPress).IsPowerButtonPress);
        Assert.Equal("record", Assert.Throws<ArgumentException>(() => InputEvent.Read(new byte[23])).ParamName);
    }

    [Theory]
    [InlineData(1, 116, 0)] // the release
    [InlineData(1, 116, 2)] // autorepeat
    [InlineData(1, 30, 1)] // KEY_A
    [InlineData(4, 116, 1)] // EV_MSC with the power key's number
    public void Only_the_power_key_going_down_is_a_press(ushort type, ushort code, int value) =>
        Assert.False(InputEvent.Read(Record(type, code, value)).IsPowerButtonPress);

    [Fact]
    public void The_press_is_found_among_other_events_and_a_stream_without_one_ends_false()
    {
        using var pressed = new MemoryStream([.. Record(1, 30, 1), .. Sync, .. Record(1, 116, 0), .. PowerPress, .. Sync]);
        Assert.True(PowerButton.WaitForPress(pressed));
        Assert.Equal(4 * InputEvent.Size, pressed.Position);

        using var released = new MemoryStream([.. Record(1, 116, 0), .. Sync, .. PowerPress.AsSpan(0, 20)]);
        Assert.False(PowerButton.WaitForPress(released));
    }

    [Fact]
    public async Task A_record_written_to_a_FIFO_in_two_pieces_is_read_whole()
    {
        using var scratch = new ScratchDirectory();
        var fifo = scratch.Of("event0");
        var made = ProcessRunner.Run("mkfifo", [fifo], scratch.Path);
        Assert.True(made.ExitCode == 0, made.Stderr);

        var reader = Task.Run(() =>
        {
            using var device = new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            return PowerButton.WaitForPress(device);
        });
        await using (var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
        {
            await writer.WriteAsync(Sync);
            await writer.WriteAsync(PowerPress.AsMemory(0, 10));
            await writer.FlushAsync();
            await Task.Delay(100);
            Assert.False(reader.IsCompleted);
            await writer.WriteAsync(PowerPress.AsMemory(10));
        }

        Assert.True(await reader.WaitAsync(TimeSpan.FromSeconds(20)));
    }
}
