namespace Firmware.Device.Tests.Boot;

/// <summary>The bootloader scripts shipped under boards/common, found from the test's output directory.</summary>
internal static class BoardScripts
{
    public static string Grub => Find(Path.Combine("boards", "common", "grub", "ab.cfg"));

    public static string UBoot => Find(Path.Combine("boards", "common", "uboot", "boot.cmd"));

    private static string Find(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
