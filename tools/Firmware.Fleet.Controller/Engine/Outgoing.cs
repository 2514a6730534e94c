using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Engine;

/// <summary>A message the engine decided to send, stored before it is published.</summary>
public abstract record Outgoing(string DeviceId);

/// <summary>Publish <paramref name="Job"/> retained on the device's <c>job</c> topic.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Job">The document.</param>
public sealed record PublishJob(string DeviceId, JobDocument Job) : Outgoing(DeviceId);

/// <summary>Clear the device's retained <c>job</c> topic (an empty retained message).</summary>
/// <param name="DeviceId">The device.</param>
public sealed record ClearJob(string DeviceId) : Outgoing(DeviceId);
