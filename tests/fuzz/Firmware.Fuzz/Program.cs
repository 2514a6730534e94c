using SharpFuzz;

namespace Firmware.Fuzz;

/// <summary>
/// <c>Firmware.Fuzz TARGET</c> runs a target under afl-fuzz (SharpFuzz out-of-process mode; run
/// outside AFL, it reads one input from standard input and runs it once).
/// <c>Firmware.Fuzz replay TARGET FILE...</c> runs files in this process and prints each outcome.
/// <c>Firmware.Fuzz seed OUTDIR</c> writes the seed corpus. See docs/fuzzing.md.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: Firmware.Fuzz manifest|trust|bundle     fuzz one target under afl-fuzz (input on stdin)
               Firmware.Fuzz replay TARGET FILE...     run files through a target, print each outcome
               Firmware.Fuzz seed OUTDIR               write the seed corpus to OUTDIR/{manifest,trust,bundle}
        """;

    private static int Main(string[] args)
    {
        switch (args)
        {
            case [var target] when FuzzTargets.Names.Contains(target):
                var warm = false;
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    var input = ReadAll(stream);
                    if (!warm)
                    {
                        warm = true;
                        WarmUp(target, input);
                    }

                    FuzzTargets.Run(target, input);
                });
                return 0;
            case ["replay", var target, .. var files] when FuzzTargets.Names.Contains(target) && files.Length > 0:
                return Replay(target, files);
            case ["seed", var outDir]:
                return SeedCorpus.Write(outDir, Console.Out);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>
    /// Runs each file through <paramref name="target"/> and prints its outcome; a crash is printed
    /// with its exception and the innermost frame, so many crash files can be grouped by cause.
    /// Returns 1 when any file crashed.
    /// </summary>
    private static int Replay(string target, string[] files)
    {
        var crashed = 0;
        foreach (var file in files)
        {
            try
            {
                var outcome = FuzzTargets.Run(target, File.ReadAllBytes(file));
                Console.WriteLine($"{file}: {(outcome is { } error ? $"rejected, {error}" : "accepted")}");
            }
#pragma warning disable CA1031 // Replay reports every escaping exception: each one is a finding.
            catch (Exception e)
#pragma warning restore CA1031
            {
                crashed++;
                Console.WriteLine($"{file}: CRASH, {e.GetType().Name} in {Origin(e)}: {e.Message}");
            }
        }

        return crashed == 0 ? 0 : 1;
    }

    /// <summary>The innermost frame of the product's own code (Firmware.*), where a fix would go.</summary>
    private static string Origin(Exception e)
    {
        var frames = new System.Diagnostics.StackTrace(e, fNeedFileInfo: false).GetFrames();
        var method = frames.Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType?.FullName?.StartsWith("Firmware.", StringComparison.Ordinal) == true)
                     ?? frames.FirstOrDefault()?.GetMethod();
        return method is null ? "?" : $"{method.DeclaringType?.FullName}.{method.Name}";
    }

    /// <summary>
    /// Runs the first input of a worker process once before it counts, then clears the coverage
    /// map. That first run builds the fixed keys, trust and policy and the JSON metadata, all
    /// through instrumented product code; counted, it would make the same input take different
    /// paths depending on whether it came first (unstable edges).
    /// </summary>
    private static unsafe void WarmUp(string target, byte[] input)
    {
        _ = FuzzKeys.Policy;
        try
        {
            FuzzTargets.Run(target, input);
        }
#pragma warning disable CA1031 // The run that counts comes next and reports the same exception.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        if (SharpFuzz.Common.Trace.SharedMem is not null)
        {
            new Span<byte>(SharpFuzz.Common.Trace.SharedMem, 1 << 16).Clear();
        }

        SharpFuzz.Common.Trace.PrevLocation = 0;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
