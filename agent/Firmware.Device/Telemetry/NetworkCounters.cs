namespace Firmware.Device.Telemetry;

/// <summary>One network interface's counters since boot.</summary>
/// <param name="Interface">The interface name.</param>
/// <param name="RxBytes">Bytes received.</param>
/// <param name="RxPackets">Packets received.</param>
/// <param name="RxErrors">Receive errors.</param>
/// <param name="RxDropped">Received packets dropped.</param>
/// <param name="TxBytes">Bytes sent.</param>
/// <param name="TxPackets">Packets sent.</param>
/// <param name="TxErrors">Transmit errors.</param>
/// <param name="TxDropped">Packets dropped on transmit.</param>
public sealed record NetworkCounters(string Interface, long RxBytes, long RxPackets, long RxErrors, long RxDropped, long TxBytes, long TxPackets, long TxErrors, long TxDropped);
