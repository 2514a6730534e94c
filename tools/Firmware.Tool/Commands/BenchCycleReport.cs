using System.Globalization;
using Firmware.Bench.Cycle;
using Firmware.Cli;

namespace Firmware.Tool.Commands;

/// <summary>Shows a bench cycle to people (steps on standard error, the result on standard output) or to programs (one JSON line).</summary>
internal sealed class BenchCycleReport(bool json) : IProgress<BenchCycleProgress>
{
    public void Plan(BenchCyclePlan plan)
    {
        if (json)
        {
            return;
        }

        Console.WriteLine($"bench cycle: {plan.Wiring.Source}");
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            Console.WriteLine($"  {i + 1}. {plan.Steps[i].Description}");
        }
    }

    public void Report(BenchCycleProgress value)
    {
        if (json)
        {
            return;
        }

        if (value.Finished && value.Step.Kind == BenchStepKind.Flash && !Console.IsErrorRedirected)
        {
            // End the flash's progress line, which is redrawn in place on a terminal.
            Console.Error.WriteLine();
        }

        var at = value.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture).PadLeft(8);
        Console.Error.WriteLine(value.Finished ? $"{at} s  done: {value.Step.Kind}" : $"{at} s  {value.Step.Description}");
    }

    public void Done(BenchCyclePlan plan, BenchCycleResult result)
    {
        if (json)
        {
            WriteJson(plan, result);
            return;
        }

        var flash = result.Flash;
        Console.WriteLine($"flashed {Units.Bytes(flash.BytesWritten)} in {flash.RangesWritten} ranges in {result.FlashTime.TotalSeconds:F2} s{(flash.Verified ? ", read back and verified" : ", not verified")}");
        Console.WriteLine($"booted in {result.BootTime.TotalSeconds:F2} s: '{plan.Request.Marker}' after {Units.Bytes(result.LogBytes)} of console output");
        if (result.Power is { } power)
        {
            Console.WriteLine($"power: {power.AverageMilliwatts / 1000:F2} W average, {power.PeakMilliwatts / 1000:F2} W peak, {power.Millijoules / 1000:F2} J to boot ({power.Samples} samples)");
        }

        Console.WriteLine($"console log: {result.LogPath}");
    }

    private static void WriteJson(BenchCyclePlan plan, BenchCycleResult result) => JsonLine.Write(writer =>
    {
        writer.WriteBoolean("ok", true);
        writer.WriteString("board", plan.Wiring.Source);
        writer.WriteString("marker", plan.Request.Marker);
        writer.WriteNumber("flashSeconds", Math.Round(result.FlashTime.TotalSeconds, 3));
        writer.WriteNumber("bootSeconds", Math.Round(result.BootTime.TotalSeconds, 3));
        writer.WriteNumber("bytesWritten", result.Flash.BytesWritten);
        writer.WriteNumber("ranges", result.Flash.RangesWritten);
        writer.WriteBoolean("verified", result.Flash.Verified);
        writer.WriteNumber("markerOffset", result.Marker.Offset);
        writer.WriteNumber("logBytes", result.LogBytes);
        if (result.LogPath is { } log)
        {
            writer.WriteString("log", log);
        }

        if (result.Power is { } power)
        {
            writer.WriteStartObject("power");
            writer.WriteNumber("samples", power.Samples);
            writer.WriteNumber("averageMilliwatts", Math.Round(power.AverageMilliwatts, 1));
            writer.WriteNumber("peakMilliwatts", Math.Round(power.PeakMilliwatts, 1));
            writer.WriteNumber("millijoules", Math.Round(power.Millijoules, 1));
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("power");
        }
    });
}
