using System.Globalization;
using System.Text;
using Firmware.Fleet.Controller.Devices;
using Firmware.Fleet.Controller.Engine;

namespace Firmware.Fleet.Controller.Api;

/// <summary>
/// /metrics in the Prometheus text exposition format (version 0.0.4): fleet gauges (devices online,
/// by version, by health), rollout gauges (state, wave, jobs by outcome, failures against the
/// budget) and the controller's counters. Label values are escaped per the format (\\, \", \n).
/// </summary>
public static class MetricsWriter
{
    /// <summary>The content type of the exposition.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Writes the exposition.</summary>
    public static string Write(FleetEngine engine, ControllerCounters counters)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(counters);
        var text = new StringBuilder();
        var devices = engine.Devices;
        Family(text, "fleet_devices", "gauge", "Devices known, by connection state.");
        Sample(text, "fleet_devices", [("state", "online")], devices.Count(d => d.Online));
        Sample(text, "fleet_devices", [("state", "offline")], devices.Count(d => !d.Online));
        Family(text, "fleet_devices_health", "gauge", "Devices by the health their last telemetry sample shows.");
        foreach (var status in Enum.GetValues<HealthStatus>())
        {
            Sample(text, "fleet_devices_health", [("health", Views.Wire(status))], devices.Count(d => (d.Health?.Status ?? HealthStatus.Unknown) == status));
        }

        Family(text, "fleet_devices_version", "gauge", "Devices by installed firmware version.");
        foreach (var group in devices.GroupBy(d => d.Version ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Sample(text, "fleet_devices_version", [("version", group.Key)], group.Count());
        }

        // Each family's samples together, as the format requires.
        var rollouts = engine.Rollouts.Select(r => (Rollout: r, View: Views.Rollout(engine, r), Id: ("rollout", r.Id))).ToList();
        Family(text, "fleet_rollout_state", "gauge", "1 for the state each rollout is in.");
        rollouts.ForEach(r => Sample(text, "fleet_rollout_state", [r.Id, ("version", r.Rollout.Version), ("state", r.Rollout.State.Name)], 1));
        Family(text, "fleet_rollout_wave", "gauge", "The wave (1-based) each rollout is at, and how many it has.");
        rollouts.ForEach(r => Sample(text, "fleet_rollout_wave", [r.Id, ("of", "current")], r.Rollout.Wave + 1));
        rollouts.ForEach(r => Sample(text, "fleet_rollout_wave", [r.Id, ("of", "total")], r.Rollout.Plan.Count));
        Family(text, "fleet_rollout_jobs", "gauge", "Devices of each rollout: targets, installs in flight, committed, rolled back.");
        foreach (var (rollout, view, id) in rollouts)
        {
            Sample(text, "fleet_rollout_jobs", [id, ("state", "targets")], view.Targets);
            Sample(text, "fleet_rollout_jobs", [id, ("state", "inFlight")], view.InFlight);
            Sample(text, "fleet_rollout_jobs", [id, ("state", "committed")], view.Committed);
            Sample(text, "fleet_rollout_jobs", [id, ("state", "rolledBack")], view.RolledBack);
        }

        Family(text, "fleet_rollout_failures", "gauge", "Failures of each rollout, and the budget past which it aborts.");
        rollouts.ForEach(r => Sample(text, "fleet_rollout_failures", [r.Id, ("of", "failed")], r.View.Failures));
        rollouts.ForEach(r => Sample(text, "fleet_rollout_failures", [r.Id, ("of", "budget")], r.View.FailureBudget));

        foreach (var counter in Enum.GetValues<ControllerCounter>())
        {
            var name = "fleet_controller_" + Snake(counter.ToString()) + "_total";
            Family(text, name, "counter", $"Controller counter {counter}, since start.");
            Sample(text, name, [], counters[counter]);
        }

        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, (string Name, string Value)[] labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")).Append('}');
        }

        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
