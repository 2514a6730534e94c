namespace Firmware.Image.Tests;

/// <summary>Files under Fixtures/ in the test output directory.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(Path(name));
}
