using Firmware.Versioning;

namespace Firmware.Image.Spec;

/// <summary>
/// The spec's <c>firmware:</c> section: what an A/B firmware image needs beyond LinuxKit's schema.
/// The only key LinuxKit does not have; a LinuxKit spec simply has none.
/// </summary>
/// <param name="Version">The firmware version the image's bundles carry, or null to give it at build time.</param>
/// <param name="Compatible">The boards (board.yml names) the image is for; empty means any.</param>
/// <param name="Trust">The trust file the image installs as the device's root of trust (relative to the spec's directory), or null.</param>
/// <param name="Data">The persistent data partition, or null for none.</param>
public sealed record FirmwareSection(FirmwareVersion? Version, IReadOnlyList<string> Compatible, string? Trust, DataPartition? Data);
