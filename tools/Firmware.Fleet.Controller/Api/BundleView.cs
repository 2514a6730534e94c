namespace Firmware.Fleet.Controller.Api;

/// <summary>A bundle the store accepted.</summary>
public sealed record BundleView(string Id, string Version, IReadOnlyList<string> Compatible, long Size, int Chunks);
