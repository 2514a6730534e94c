using System.Reflection;
using System.Text.RegularExpressions;
using Firmware.Device.Boot;

namespace Firmware.Device.Tests.Boot;

/// <summary>The shipped scripts: GRUB's own syntax checker and U-Boot's mkimage accept them, and they spell the backend's variable names.</summary>
public sealed class BootScriptTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public static TheoryData<string> VariableNames() =>
        [.. typeof(BootVariables).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)];

    [Theory]
    [Trait("Category", "Unit")]
    [MemberData(nameof(VariableNames))]
    public void Both_scripts_use_each_shared_variable(string name)
    {
        Assert.Contains(name, Words(BoardScripts.Grub));
        Assert.Contains(name, Words(BoardScripts.UBoot));
    }

    /// <summary>The words of the script's commands, comments left out.</summary>
    private static HashSet<string> Words(string script) =>
        [.. File.ReadLines(script).Where(l => !l.TrimStart().StartsWith('#'))
            .SelectMany(l => Regex.Matches(l, "[A-Za-z_][A-Za-z0-9_]*").Select(m => m.Value))];

    [Fact]
    [Trait("Category", "Integration")]
    public void Grub_script_check_accepts_the_grub_fragment()
    {
        var result = ProcessRunner.Run("grub-script-check", [BoardScripts.Grub], _scratch.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void Mkimage_compiles_the_uboot_script_and_dumpimage_lists_it()
    {
        var script = _scratch.Of("boot.scr");
        var compiled = ProcessRunner.Run("mkimage", ["-A", "arm64", "-T", "script", "-C", "none", "-n", "fw-ab", "-d", BoardScripts.UBoot, script], _scratch.Path);
        Assert.True(compiled.ExitCode == 0, compiled.ToString());

        var listed = ProcessRunner.Run("dumpimage", ["-l", script], _scratch.Path);

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("Script", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("fw-ab", listed.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Dispose();
}
