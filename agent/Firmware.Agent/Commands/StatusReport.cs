using Firmware.Cli;
using Firmware.Device.Slots;
using Firmware.Device.Updates;

namespace Firmware.Agent.Commands;

/// <summary>The device's update status, for people or as JSON: bootloader, installed version, the update, the outcomes.</summary>
internal static class StatusReport
{
    public static void Write(UpdateEngine engine, bool json)
    {
        var boot = engine.Device.Boot.Read();
        var checkpoint = engine.Checkpoint;
        var update = checkpoint.Update;
        if (json)
        {
            using var output = JsonOutput.Open();
            var w = output.Writer;
            w.WriteBoolean("ok", true);
            w.WriteString("booted", engine.Device.Booted.Letter());
            w.WriteStartObject("bootloader");
            w.WriteString("backend", engine.Device.Boot.Name);
            w.WriteString("primary", boot.Primary.Letter());
            w.WriteString("trial", boot.Trial?.Letter());
            w.WriteNumber("triesLeft", boot.TriesLeft);
            w.WriteEndObject();
            w.WriteString("installedVersion", checkpoint.Device.InstalledVersion);
            w.WriteString("floor", checkpoint.Device.Floor);
            w.WriteNumber("checkpointGeneration", checkpoint.Generation);
            if (update is not null)
            {
                w.WriteStartObject("update");
                w.WriteString("id", update.Id);
                w.WriteString("source", update.Source);
                w.WriteString("state", update.State.ToString());
                w.WriteBoolean("finished", update.Finished);
                w.WriteString("version", update.Version);
                w.WriteString("targetSlot", update.TargetSlot.Letter());
                w.WriteNumber("attempts", update.Attempts);
                w.WriteString("error", update.ErrorCode?.ToString());
                w.WriteString("detail", update.Error);
                w.WriteEndObject();
            }

            w.WriteStartArray("outcomes");
            foreach (var entry in checkpoint.Outbox)
            {
                w.WriteStartObject();
                w.WriteString("id", entry.Id);
                w.WriteString("outcome", entry.Outcome.ToString());
                w.WriteString("version", entry.Version);
                w.WriteString("slot", entry.Slot.Letter());
                w.WriteString("error", entry.ErrorCode?.ToString());
                w.WriteString("detail", entry.Detail);
                w.WriteBoolean("reported", entry.Acknowledged);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            return;
        }

        Console.WriteLine($"booted      slot {engine.Device.Booted.Letter()}; bootloader ({engine.Device.Boot.Name}) primary {boot.Primary.Letter()}" +
                          (boot.Trial is { } trial ? $", trial {trial.Letter()} with {boot.TriesLeft} tries left" : ", no trial armed"));
        Console.WriteLine($"installed   {checkpoint.Device.InstalledVersion ?? "(as flashed)"}{(checkpoint.Device.Floor is { } floor ? $", floor {floor}" : "")}");
        if (update is not null)
        {
            Console.WriteLine($"update      {update.Id} {(update.Finished ? "finished" : "in progress")}: {update.State}, version {update.Version ?? "?"} into slot {update.TargetSlot.Letter()}");
            if (update.Error is { } error)
            {
                Console.WriteLine($"  {(update.Finished ? "why" : "last error")}    {update.ErrorCode}: {error}");
            }
        }

        foreach (var entry in checkpoint.Outbox)
        {
            Console.WriteLine($"outcome     {entry.Id}: {entry.Outcome}{(entry.Version is { } v ? $" {v}" : "")}, slot {entry.Slot.Letter()}{(entry.Acknowledged ? "" : " (not yet reported)")}");
        }
    }
}
