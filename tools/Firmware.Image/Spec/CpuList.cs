namespace Firmware.Image.Spec;

/// <summary>The kernel's list format for cpusets (cpuset(7), "List format"): <c>0-3,6,8-9</c>.</summary>
internal static class CpuList
{
    /// <summary>Whether <paramref name="text"/> is a list of numbers and ascending ranges.</summary>
    public static bool IsValid(string text) =>
        text.Length > 0 && text.Split(',').All(part =>
        {
            var bounds = part.Split('-');
            return bounds.Length is 1 or 2
                && bounds.All(b => b.Length is > 0 and <= 5 && b.All(char.IsAsciiDigit))
                && (bounds.Length == 1 || int.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture) <= int.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture));
        });
}
