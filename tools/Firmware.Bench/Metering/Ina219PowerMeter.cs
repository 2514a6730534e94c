using System.Buffers.Binary;
using System.Device.I2c;
using Firmware.Bench.Wiring;

namespace Firmware.Bench.Metering;

/// <summary>
/// An INA219 high-side current/power monitor (TI SBOS448) on I2C, read through its registers.
/// Registers are 16 bits, big-endian, addressed by writing a one-byte pointer first (section 8.5).
/// </summary>
/// <remarks>
/// Talks to the chip directly rather than through Iot.Device.Bindings' Ina219: that binding
/// reports through UnitsNet, whose unit converter registers itself by reflection, which NativeAOT
/// cannot analyse (trim warning IL2075) and may trim away; fwtool is published native.
/// </remarks>
public sealed class Ina219PowerMeter : IPowerMeter, IDisposable
{
    internal const byte ConfigurationRegister = 0x00;
    internal const byte BusVoltageRegister = 0x02;
    internal const byte PowerRegister = 0x03;
    internal const byte CalibrationRegister = 0x05;

    /// <summary>32 V bus range, ±320 mV shunt range (PGA /8), 12-bit bus and shunt conversions, both continuous: the reset default, 0x399F (table 8-4).</summary>
    internal const ushort Configuration = 0x399F;

    // Bus voltage register bit 0 (OVF): the power and current registers overflowed and are meaningless.
    private const ushort MathOverflow = 0x0001;

    // Calibration (equation 1): Cal = trunc(0.04096 / (Current_LSB * R_shunt)); bit 0 is reserved.
    private const double CalibrationScale = 0.04096;
    private const double MaxShuntVolts = 0.32;

    // The power register's LSB is 20 times the current LSB (equation 3).
    private const int PowerLsbPerCurrentLsb = 20;

    private readonly I2cDevice _device;
    private readonly double _currentLsb;
    private readonly string _name;

    private Ina219PowerMeter(I2cDevice device, double currentLsb, string name)
    {
        _device = device;
        _currentLsb = currentLsb;
        _name = name;
    }

    /// <summary>Opens, configures and calibrates the INA219 described by <paramref name="settings"/>.</summary>
    /// <exception cref="BenchException">The bus or the device cannot be opened, or does not answer.</exception>
    public static Ina219PowerMeter Open(PowerMeterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var name = $"INA219 at 0x{settings.Address:x2} on /dev/i2c-{settings.Bus}";
        I2cDevice device;
        try
        {
            device = I2cDevice.Create(new I2cConnectionSettings(settings.Bus, settings.Address));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
        {
            throw new BenchException(BenchError.PowerMeterFailed, $"{name}: {e.Message}", e);
        }

        return Attach(device, settings.ShuntOhms, name);
    }

    /// <summary>Configures and calibrates an INA219 on an open device, which the meter then owns.</summary>
    /// <exception cref="BenchException">The device does not answer, or does not keep its calibration.</exception>
    public static Ina219PowerMeter Attach(I2cDevice device, double shuntOhms, string name)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(shuntOhms, 0);
        ArgumentException.ThrowIfNullOrEmpty(name);

        // Spread the largest current the shunt range can show over the 15-bit current register.
        var currentLsb = MaxShuntVolts / shuntOhms / 32768;
        var calibration = (ushort)((int)Math.Min(0xFFFE, Math.Truncate(CalibrationScale / (currentLsb * shuntOhms))) & 0xFFFE);
        var meter = new Ina219PowerMeter(device, currentLsb, name);
        try
        {
            meter.Write(ConfigurationRegister, Configuration);
            meter.Write(CalibrationRegister, calibration);
            // Something else at this address would not read back what was written.
            if (meter.Read(CalibrationRegister) != calibration)
            {
                throw new BenchException(BenchError.PowerMeterFailed, $"{name}: the calibration did not read back; is it an INA219?");
            }

            return meter;
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public double ReadMilliwatts()
    {
        if ((Read(BusVoltageRegister) & MathOverflow) != 0)
        {
            throw new BenchException(BenchError.PowerMeterFailed, $"{_name}: the current exceeds what the shunt can measure (math overflow)");
        }

        return Read(PowerRegister) * PowerLsbPerCurrentLsb * _currentLsb * 1000;
    }

    /// <inheritdoc/>
    public void Dispose() => _device.Dispose();

    private ushort Read(byte register)
    {
        Span<byte> value = stackalloc byte[2];
        try
        {
            _device.WriteRead([register], value);
        }
        catch (IOException e)
        {
            throw new BenchException(BenchError.PowerMeterFailed, $"{_name}: {e.Message}", e);
        }

        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }

    private void Write(byte register, ushort value)
    {
        Span<byte> bytes = [register, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(bytes[1..], value);
        try
        {
            _device.Write(bytes);
        }
        catch (IOException e)
        {
            throw new BenchException(BenchError.PowerMeterFailed, $"{_name}: {e.Message}", e);
        }
    }
}
