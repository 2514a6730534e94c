namespace Firmware.Device.Telemetry;

/// <summary>What the update engine knows and telemetry reports: taken as inputs, not read here.</summary>
/// <param name="Slot">The slot running.</param>
/// <param name="Version">The firmware version running.</param>
/// <param name="BootCount">The engine's boot counter.</param>
public sealed record EngineFacts(Slots.SlotName Slot, string Version, long BootCount);
