using Firmware.Bundles;
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
                Fuzzer.OutOfProcess.Run(stream => FuzzTargets.Run(target, ReadAll(stream)));
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

    private static int Replay(string target, string[] files)
    {
        foreach (var file in files)
        {
            BundleError? outcome = FuzzTargets.Run(target, File.ReadAllBytes(file));
            Console.WriteLine($"{file}: {(outcome is { } error ? $"rejected, {error}" : "accepted")}");
        }

        return 0;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
