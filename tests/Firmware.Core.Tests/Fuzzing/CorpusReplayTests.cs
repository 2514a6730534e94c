using Firmware.Fuzz;

namespace Firmware.Core.Tests.Fuzzing;

/// <summary>
/// Replays the fuzz corpus (tests/fuzz/corpus) and the regression inputs of fixed crashes
/// (tests/fuzz/crashes) through the same <see cref="FuzzTargets"/> the AFL harness runs: every
/// input must be accepted or rejected with a <c>BundleException</c>, never anything else.
/// </summary>
public sealed class CorpusReplayTests
{
    private static readonly string Root = Repository.Root;

    /// <summary>Every replayed input as (target, path relative to the repository root).</summary>
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "corpus", "crashes" })
        {
            foreach (var target in FuzzTargets.Names)
            {
                var dir = Path.Combine(Root, "tests", "fuzz", kind, target);
                if (!Directory.Exists(dir))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
                {
                    data.Add(target, Path.GetRelativePath(Root, file).Replace('\\', '/'));
                }
            }
        }

        return data;
    }

    [Theory]
    [Trait("Category", "Unit")]
    [MemberData(nameof(Inputs))]
    public void Input_is_accepted_or_rejected_with_a_bundle_error(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(Root, file));

        // Any exception other than BundleException escapes FuzzTargets and fails the test.
        var outcome = FuzzTargets.Run(target, input);

        // Seeds named valid* must stay valid: if they do not, the fixed keys, policy or format
        // drifted from the corpus, and the fuzzer would no longer reach past signature checks.
        if (Path.GetFileName(file).StartsWith("valid", StringComparison.Ordinal))
        {
            Assert.Null(outcome);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Every_target_has_a_valid_seed()
    {
        foreach (var target in FuzzTargets.Names)
        {
            var dir = Path.Combine(Root, "tests", "fuzz", "corpus", target);
            Assert.True(Directory.Exists(dir), $"missing corpus directory {dir}");
            Assert.Contains(Directory.EnumerateFiles(dir), f => Path.GetFileName(f).StartsWith("valid", StringComparison.Ordinal));
        }
    }
}
