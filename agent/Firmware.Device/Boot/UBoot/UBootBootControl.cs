using Firmware.Device.Slots;

namespace Firmware.Device.Boot.UBoot;

/// <summary>
/// Boot control over the U-Boot environment, single or redundant, located by an
/// <c>fw_env.config</c>: the environment <c>fw_printenv</c>/<c>fw_setenv</c> read and write and that
/// <c>boards/common/uboot/boot.cmd</c> counts down with <c>setexpr</c> and <c>saveenv</c>.
/// Variables: <see cref="BootVariables"/>. Power-cut reasoning: <see cref="UBootEnvironmentStore"/>.
/// </summary>
public sealed class UBootBootControl : IBootControl, IBootedSlotRecord
{
    /// <summary>The name the backend is registered under.</summary>
    public const string BackendName = "uboot";

    private readonly UBootEnvironmentStore _store;
    private readonly string _source;
    private readonly string _lockFile;
    private readonly TimeSpan _lockWait;

    /// <summary>Creates the backend over the environment that <paramref name="config"/> locates.</summary>
    /// <param name="config">Where the environment's copies are.</param>
    /// <param name="lockFile">The lock file shared with fw_printenv/fw_setenv (libubootenv's default: /var/lock/fw_printenv.lock).</param>
    /// <param name="lockWait">How long to wait for another holder of the lock (default 10 s).</param>
    public UBootBootControl(UBootEnvironmentConfig config, string lockFile = UBootEnvironmentLock.DefaultPath, TimeSpan? lockWait = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(lockFile);
        _store = new UBootEnvironmentStore(config);
        _source = string.Join(" + ", config.Copies.Select(c => $"{c.Device}@0x{c.Offset:x}"));
        _lockFile = lockFile;
        _lockWait = lockWait ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>Creates the backend from the <c>fw_env.config</c> at <paramref name="configFile"/>.</summary>
    /// <exception cref="BootControlException">The configuration is missing or malformed.</exception>
    public static UBootBootControl FromConfigFile(string configFile, string lockFile = UBootEnvironmentLock.DefaultPath) =>
        new(UBootEnvironmentConfig.Load(configFile), lockFile);

    /// <inheritdoc/>
    public string Name => BackendName;

    /// <inheritdoc/>
    public BootState Read()
    {
        using var held = UBootEnvironmentLock.Acquire(_lockFile, _lockWait);
        var environment = _store.Read().Environment;
        return VariableBootState.Decode(name => environment[name], _source);
    }

    /// <inheritdoc/>
    public SlotName ReadBootedSlot()
    {
        using var held = UBootEnvironmentLock.Acquire(_lockFile, _lockWait);
        var environment = _store.Read().Environment;
        return VariableBootState.Booted(name => environment[name], _source);
    }

    /// <inheritdoc/>
    public void ArmTrial(SlotName slot, int tries) => Apply(VariableBootState.Arm(slot, tries));

    /// <inheritdoc/>
    public void Commit(SlotName slot) => Apply(VariableBootState.Commit(slot));

    /// <inheritdoc/>
    public void Rollback() => Apply(VariableBootState.Disarm());

    private void Apply(IReadOnlyList<KeyValuePair<string, string?>> changes)
    {
        using var held = UBootEnvironmentLock.Acquire(_lockFile, _lockWait);
        var current = _store.Read();
        var environment = current.Environment;
        var changed = false;
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                changed |= environment.Remove(name);
            }
            else if (environment[name] != value)
            {
                environment.Set(name, value);
                changed = true;
            }
        }

        if (changed)
        {
            _store.Write(environment, current);
        }
    }
}
