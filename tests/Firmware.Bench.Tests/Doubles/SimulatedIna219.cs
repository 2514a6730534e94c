using System.Buffers.Binary;
using System.Device.I2c;

namespace Firmware.Bench.Tests.Doubles;

/// <summary>
/// An INA219 on a simulated I2C bus: registers behind a pointer, and the chip's own arithmetic
/// (TI SBOS448 equations 4 and 5) turning a load into the current and power registers.
/// </summary>
public sealed class SimulatedIna219(double shuntOhms) : I2cDevice
{
    private readonly ushort[] _registers = [0x399F, 0, 0, 0, 0, 0];
    private byte _pointer;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x40);

    /// <summary>The load: bus volts and amps through the shunt.</summary>
    public (double Volts, double Amps) Load { get; set; }

    /// <summary>Every transfer fails, as on a bus with nothing at the address.</summary>
    public bool Absent { get; set; }

    /// <summary>Writes to the calibration register are ignored, as by a chip that is not an INA219.</summary>
    public bool IgnoresCalibration { get; set; }

    public ushort Register(int index) => _registers[index];

    public bool Disposed { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Fail();
        _pointer = buffer[0];
        if (buffer.Length == 3 && !(IgnoresCalibration && _pointer == 5))
        {
            _registers[_pointer] = BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]);
        }
    }

    public override void Read(Span<byte> buffer)
    {
        Fail();
        Convert();
        BinaryPrimitives.WriteUInt16BigEndian(buffer, _registers[_pointer]);
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    public override byte ReadByte() => throw new NotSupportedException("the INA219 has 16-bit registers");

    public override void WriteByte(byte value) => throw new NotSupportedException("the INA219 has 16-bit registers");

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private void Fail()
    {
        if (Absent)
        {
            throw new IOException("Remote I/O error");
        }
    }

    // A conversion as the chip does it: shunt in 10 µV steps, bus in 4 mV steps (bits 15-3),
    // current = shunt * cal / 4096, power = current * bus / 5000, OVF when current overflows.
    private void Convert()
    {
        var shunt = (int)Math.Round(Load.Amps * shuntOhms / 10e-6);
        var bus = (int)Math.Round(Load.Volts / 0.004);
        var current = (long)shunt * _registers[5] / 4096;
        var overflow = current > short.MaxValue;
        _registers[1] = (ushort)(short)Math.Clamp(shunt, short.MinValue, short.MaxValue);
        _registers[2] = (ushort)((bus << 3) | 0x2 | (overflow ? 1 : 0));
        _registers[4] = (ushort)(short)Math.Clamp(current, short.MinValue, short.MaxValue);
        _registers[3] = (ushort)Math.Clamp(current * bus / 5000, 0, ushort.MaxValue);
    }
}
