using System.Collections.Frozen;
using Firmware.Device.Boot.Grub;
using Firmware.Device.Boot.Tryboot;
using Firmware.Device.Boot.UBoot;

namespace Firmware.Device.Boot;

/// <summary>The boot-control backends by registered name: one table, one factory per backend.</summary>
public static class BootControlRegistry
{
    private static readonly FrozenDictionary<string, Func<BootControlSettings, IBootControl>> Factories =
        new Dictionary<string, Func<BootControlSettings, IBootControl>>(StringComparer.Ordinal)
        {
            [GrubBootControl.BackendName] = s => new GrubBootControl(Require(s.GrubEnvironmentFile, GrubBootControl.BackendName, "the GRUB environment file")),
            [UBootBootControl.BackendName] = s => UBootBootControl.FromConfigFile(Require(s.UBootConfigFile, UBootBootControl.BackendName, "the fw_env.config file")),
            [TrybootBootControl.BackendName] = s => new TrybootBootControl(Require(s.Tryboot, TrybootBootControl.BackendName, "the autoboot.txt settings"), s.Reboot),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The registered names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Creates the backend registered as <paramref name="name"/>.</summary>
    /// <exception cref="BootControlException">No backend has that name, or its settings are missing or wrong.</exception>
    public static IBootControl Create(string name, BootControlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(settings);
        return Factories.TryGetValue(name, out var factory)
            ? factory(settings)
            : throw new BootControlException($"unknown boot-control backend '{name}'; known: {string.Join(", ", Names)}");
    }

    private static T Require<T>(T? value, string backend, string what) where T : class =>
        value ?? throw new BootControlException($"boot-control backend '{backend}' needs {what}");
}
