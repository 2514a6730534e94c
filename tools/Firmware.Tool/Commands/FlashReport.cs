using Firmware.Cli;
using Firmware.Flash;

namespace Firmware.Tool.Commands;

/// <summary>Shows a flash to people (a progress line on a terminal) or to programs (JSON lines).</summary>
internal sealed class FlashReport(bool json) : IProgress<FlashProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly bool _interactive = !json && !Console.IsErrorRedirected;
    private TimeSpan _last = TimeSpan.MinValue;
    private string _phase = "";

    public void Plan(PreparedFlash flash)
    {
        var plan = flash.Plan;
        if (json)
        {
            JsonLine.Write(w =>
            {
                w.WriteString("event", "plan");
                w.WriteString("target", flash.TargetPath);
                w.WriteString("source", plan.Source.ToString());
                w.WriteNumber("ranges", plan.Ranges.Count);
                w.WriteNumber("bytes", plan.BytesToWrite);
                WriteOptional(w, "imageSize", plan.ImageSize);
            });
            return;
        }

        var what = plan.Source switch
        {
            PlanSource.Bmap => $"{plan.Ranges.Count} mapped ranges from {flash.BmapPath}, {Units.Bytes(plan.BytesToWrite)} of {Units.Bytes(plan.ImageSize ?? 0)}",
            PlanSource.Extents => $"{plan.Ranges.Count} data extents, {Units.Bytes(plan.BytesToWrite)} of {Units.Bytes(plan.ImageSize ?? 0)}",
            PlanSource.WholeImage => $"the whole image, {Units.Bytes(plan.BytesToWrite)}",
            _ => $"a {flash.Image.Compression} stream to its end",
        };
        Console.WriteLine($"flash {flash.TargetPath}: {what}");
    }

    public void Report(FlashProgress value)
    {
        if (value.Phase == _phase && value.Elapsed - _last < Interval && value.Done != value.Total)
        {
            return;
        }

        _phase = value.Phase;
        _last = value.Elapsed;
        if (json)
        {
            JsonLine.Write(w =>
            {
                w.WriteString("event", "progress");
                w.WriteString("phase", value.Phase);
                w.WriteNumber("done", value.Done);
                WriteOptional(w, "total", value.Total);
                w.WriteNumber("seconds", Math.Round(value.Elapsed.TotalSeconds, 3));
            });
        }
        else if (_interactive)
        {
            var rate = value.Elapsed.TotalSeconds > 0 ? value.Done / value.Elapsed.TotalSeconds : 0;
            var percent = value.Total is > 0 and { } t ? 100.0 * value.Done / t : 0;
            var eta = value.Total is { } total && rate > 0 ? $", {TimeSpan.FromSeconds((total - value.Done) / rate):mm\\:ss} left" : "";
            var bar = new string('#', (int)(percent / 5)).PadRight(20, '.');
            Console.Error.Write($"\r{value.Phase,-9} [{bar}] {percent,5:F1}% {Units.Bytes(value.Done),10} {rate / 1e6,7:F1} MB/s{eta}   ");
        }
    }

    public void Done(PreparedFlash flash, FlashResult result)
    {
        if (_interactive)
        {
            Console.Error.WriteLine();
        }

        var rate = result.BytesWritten / Math.Max(result.Elapsed.TotalSeconds, 1e-6) / 1e6;
        if (json)
        {
            JsonLine.Write(w =>
            {
                w.WriteString("event", "done");
                w.WriteBoolean("ok", true);
                w.WriteString("target", flash.TargetPath);
                w.WriteNumber("imageSize", result.ImageSize);
                w.WriteNumber("bytesWritten", result.BytesWritten);
                w.WriteNumber("ranges", result.RangesWritten);
                w.WriteBoolean("verified", result.Verified);
                w.WriteNumber("seconds", Math.Round(result.Elapsed.TotalSeconds, 3));
            });
            return;
        }

        Console.WriteLine($"wrote {Units.Bytes(result.BytesWritten)} in {result.RangesWritten} ranges to {flash.TargetPath} in {result.Elapsed.TotalSeconds:F2} s ({rate:F0} MB/s){(result.Verified ? ", read back and verified" : ", not verified")}");
    }

    private static void WriteOptional(System.Text.Json.Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
