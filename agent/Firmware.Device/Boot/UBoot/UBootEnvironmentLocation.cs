namespace Firmware.Device.Boot.UBoot;

/// <summary>One line of <c>fw_env.config</c>: where one copy of the U-Boot environment lives.</summary>
/// <param name="Device">The device or file that holds the copy.</param>
/// <param name="Offset">The copy's byte offset in <paramref name="Device"/>.</param>
/// <param name="Size">The copy's size in bytes (the environment size U-Boot was built with).</param>
/// <param name="SectorSize">The flash erase size; only MTD devices use it (absent: <paramref name="Size"/>).</param>
/// <param name="SectorCount">How many erase sectors the copy spans; only MTD devices use it (absent: 1).</param>
public sealed record UBootEnvironmentLocation(string Device, long Offset, int Size, long SectorSize, long SectorCount);
