namespace Firmware.Device.Led;

/// <summary>One step of a pattern: the LED lit or dark for a time.</summary>
/// <param name="On">True for lit.</param>
/// <param name="Duration">How long.</param>
public readonly record struct LedStep(bool On, TimeSpan Duration);
