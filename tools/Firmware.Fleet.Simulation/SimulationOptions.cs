using Firmware.Trust;

namespace Firmware.Fleet.Simulation;

/// <summary>What <c>fwtool simulate</c> runs: how many devices, where, and which faults they meet.</summary>
public sealed record SimulationOptions
{
    /// <summary>Virtual devices in this process.</summary>
    public required int Devices { get; init; }

    /// <summary>The broker's URL as agent.yml takes it (<c>mqtt://HOST:PORT</c>).</summary>
    public required string Broker { get; init; }

    /// <summary>
    /// The directory <c>fwtool fleet acl</c> wrote, for an <c>mqtts://</c> <see cref="Broker"/>: each
    /// device trusts <c>tls/ca.crt</c> and logs in as itself with <c>devices/ID/password</c>, as a
    /// provisioned device would. Null: the devices connect without TLS and without a username.
    /// </summary>
    public string? Credentials { get; init; }

    /// <summary>The trust the devices verify bundles against.</summary>
    public required TrustFile Trust { get; init; }

    /// <summary>Where each device keeps its data directory, slots and bootloader state (a directory per device).</summary>
    public required string Directory { get; init; }

    /// <summary>The probability that a trial boot fails its health gate.</summary>
    public double FailHealth { get; init; }

    /// <summary>
    /// Versions whose trial boots always fail the health gate, whatever <see cref="FailHealth"/> says:
    /// a regression that ships in one bundle, so a rollout's outcome follows the bundle it sends.
    /// </summary>
    public IReadOnlySet<string> FailingVersions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The probability, every <see cref="FaultInterval"/>, that a connected device's connection drops.</summary>
    public double FlakyNetwork { get; init; }

    /// <summary>The probability that a device never connects (it runs offline).</summary>
    public double Offline { get; init; }

    /// <summary>The devices' board (compatible) string.</summary>
    public string Board { get; init; } = "sim-board";

    /// <summary>The version the devices are flashed with.</summary>
    public string Version { get; init; } = "1.0.0";

    /// <summary>The seed of every random choice (which devices are offline, health verdicts, drops).</summary>
    public int Seed { get; init; }

    /// <summary>Where the devices keep their slots: in memory, through the process's block pool, or in sparse files.</summary>
    public SimulatedSlots Slots { get; init; } = SimulatedSlots.Memory;

    /// <summary>Each slot's size; sparse files and memory slots take only what an update writes.</summary>
    public long SlotSize { get; init; } = 64L << 20;

    /// <summary>How often the network fault is drawn for each device.</summary>
    public TimeSpan FaultInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The devices' telemetry interval.</summary>
    public TimeSpan TelemetryInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Names the devices: <c>PREFIX-00001</c> and on.</summary>
    public string IdPrefix { get; init; } = "sim";

    /// <summary>The id of device <paramref name="index"/> (1 to <see cref="Devices"/>), as it registers with the broker and the controller.</summary>
    public string DeviceId(int index) => $"{IdPrefix}-{index.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)}";
}
