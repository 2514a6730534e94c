using System.Net;
using Firmware.Device.Config;
using Firmware.Fleet.Controller.Chunks;
using Firmware.Fleet.Controller.Devices;
using Firmware.Trust;

namespace Firmware.Fleet.Controller;

/// <summary>How <see cref="FleetController"/> runs (<c>fwtool fleet serve</c>'s options).</summary>
public sealed record ControllerOptions
{
    /// <summary>The broker and the controller's credentials (username and password file, or TLS material); the username defaults to <c>controller</c>.</summary>
    public required BrokerConfig Broker { get; init; }

    /// <summary>The LiteDB file holding devices, rollouts and jobs.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>The bundle store's directory.</summary>
    public required string StoreDirectory { get; init; }

    /// <summary>The trust bundles are verified against before they enter the store.</summary>
    public required TrustFile Trust { get; init; }

    /// <summary>The topic prefix.</summary>
    public string Prefix { get; init; } = FleetTopics.DefaultPrefix;

    /// <summary>The loopback endpoint of /metrics and the control API; null for none.</summary>
    public IPEndPoint? Listen { get; init; }

    /// <summary>The chunk server's rates.</summary>
    public ChunkRates Rates { get; init; } = ChunkRates.Default;

    /// <summary>What counts as healthy.</summary>
    public HealthLimits Health { get; init; } = new();

    /// <summary>How often rollouts step without a message arriving (soak ends, deadlines).</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where log lines go.</summary>
    public Action<string> Log { get; init; } = _ => { };
}
