using System.Globalization;
using Firmware.HostTools;

namespace Firmware.Image.Build.Qemu;

/// <summary>
/// QEMU's arguments for booting a disk image under UEFI, as <c>linuxkit run qemu</c> does: TCG
/// always (KVM is not relied on), the serial console on standard output, no display, the firmware
/// code read-only with a private copy of its variable store, the disk on virtio. No network unless
/// a broker forward is asked for: then one virtio NIC on QEMU's user network with <c>restrict=on</c>
/// (the guest reaches nothing outside) and a <c>guestfwd</c> from <see cref="BrokerGuestAddress"/>
/// to the host's loopback, so a board image with a fixed broker URL reaches a broker on the host.
/// The forward runs <see cref="BrokerRelay"/> for each guest connection (<c>guestfwd=...-cmd:</c>):
/// a forward to a character device is one host connection for QEMU's whole life, so a guest that
/// reboots and connects again would talk into its first boot's MQTT session, which the broker closes.
/// </summary>
public static class QemuCommandLine
{
    /// <summary>The guest address and port the broker forward listens on (firmware/images/gateway/agent.yml).</summary>
    public const string BrokerGuestAddress = "10.0.2.100:1883";

    /// <summary>The program that carries one guest connection to the broker: its standard input and output are the guest's side.</summary>
    public static HostTool BrokerRelay { get; } = new("socat", "socat");

    /// <summary>The arguments for <paramref name="machine"/> booting <paramref name="disk"/>.</summary>
    /// <param name="machine">The machine.</param>
    /// <param name="firmware">The UEFI firmware.</param>
    /// <param name="vars">The writable copy of the variable store.</param>
    /// <param name="disk">The raw disk image.</param>
    /// <param name="brokerPort">The host's 127.0.0.1 port <see cref="BrokerGuestAddress"/> forwards to; null: no network.</param>
    /// <param name="qmpSocket">Where QEMU listens for QMP (its machine protocol: power button, quit); null: no QMP.</param>
    public static IReadOnlyList<string> Create(QemuMachine machine, UefiFirmware firmware, string vars, string disk, int? brokerPort = null, string? qmpSocket = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(firmware);
        var virtioDisk = machine.Architecture == "amd64"
            ? new[] { "-drive", $"file={disk},format=raw,if=virtio" }
            : ["-drive", $"file={disk},format=raw,if=none,id=disk0", "-device", "virtio-blk-pci,drive=disk0"];
        return
        [
            "-machine", machine.Machine, "-accel", "tcg", "-cpu", machine.Cpu,
            "-m", machine.MemoryMiB.ToString(CultureInfo.InvariantCulture), "-smp", "1",
            "-nographic", "-nodefaults", "-serial", "stdio",
            "-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={firmware.Code}",
            "-drive", $"if=pflash,format=raw,unit=1,file={vars}",
            .. virtioDisk,
            .. brokerPort is { } port
                ? new[] { "-netdev", $"user,id=net0,restrict=on,guestfwd=tcp:{BrokerGuestAddress}-cmd:{BrokerRelay.Program} STDIO TCP:127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "-device", "virtio-net-pci,netdev=net0" }
                : [],
            // wait=off: QEMU boots without waiting for a QMP client.
            .. qmpSocket is null ? [] : new[] { "-qmp", $"unix:{qmpSocket},server=on,wait=off" },
        ];
    }
}
