namespace Firmware.Kernel.Modules;

/// <summary>What a module's <c>.modinfo</c> section says about it (modinfo(8)).</summary>
/// <param name="Name">The module name (<c>name=</c>), with <c>-</c> normalized to <c>_</c>; null when the section has none.</param>
/// <param name="Depends">The modules it needs loaded first (<c>depends=</c>, comma-separated), normalized.</param>
/// <param name="SoftPre">The modules named by <c>softdep=pre:</c>: wanted first when present, not required.</param>
public sealed record ModInfo(string? Name, IReadOnlyList<string> Depends, IReadOnlyList<string> SoftPre);
