namespace Firmware.Device.Led;

/// <summary>What the update engine tells the status LED; the LED's loop does the rest.</summary>
public interface IStatusLed
{
    /// <summary>Switches to <paramref name="state"/>'s pattern at once, from its first step.</summary>
    void Show(LedState state);
}
