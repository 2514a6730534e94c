using System.Device.I2c;
using Firmware.Bench.Wiring;
using Iot.Device.Adc;

namespace Firmware.Bench.Metering;

/// <summary>
/// An INA219 high-side current/power monitor on I2C (TI SBOS448), configured for a 32 V bus and
/// the full ±320 mV shunt range, with the calibration derived from the shunt resistor.
/// </summary>
public sealed class Ina219PowerMeter : IPowerMeter, IDisposable
{
    // The datasheet's calibration equation (SBOS448 section 8.5.1): Cal = trunc(0.04096 / (Current_LSB * Rshunt)).
    private const double CalibrationScale = 0.04096;
    private const double MaxShuntVolts = 0.32;
    private readonly Ina219 _device;
    private readonly string _name;

    private Ina219PowerMeter(Ina219 device, string name)
    {
        _device = device;
        _name = name;
    }

    /// <summary>Opens and calibrates the INA219 at <paramref name="settings"/>.</summary>
    /// <exception cref="BenchException">The bus or the device cannot be opened.</exception>
    public static Ina219PowerMeter Open(PowerMeterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var name = $"INA219 at 0x{settings.Address:x2} on /dev/i2c-{settings.Bus}";
        I2cDevice? bus = null;
        Ina219? device = null;
        try
        {
            bus = I2cDevice.Create(new I2cConnectionSettings(settings.Bus, settings.Address));
            device = new Ina219(bus);
            device.BusVoltageRange = Ina219BusVoltageRange.Range32v;
            device.PgaSensitivity = Ina219PgaSensitivity.PlusOrMinus320mv;
            // Spread the largest measurable current over the 15-bit current register.
            var currentLsb = MaxShuntVolts / settings.ShuntOhms / 32768;
            var calibration = (ushort)((int)Math.Min(0xFFFE, Math.Truncate(CalibrationScale / (currentLsb * settings.ShuntOhms))) & 0xFFFE);
            device.SetCalibration(calibration, (float)currentLsb);
            return new Ina219PowerMeter(device, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or PlatformNotSupportedException or ArgumentException)
        {
            device?.Dispose();
            bus?.Dispose();
            throw new BenchException(BenchError.PowerMeterFailed, $"{name}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public double ReadMilliwatts()
    {
        try
        {
            return (double)_device.ReadPower().Milliwatts;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw new BenchException(BenchError.PowerMeterFailed, $"{_name}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _device.Dispose();
}
