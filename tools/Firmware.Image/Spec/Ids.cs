using System.Globalization;

namespace Firmware.Image.Spec;

/// <summary>Reads a uid or gid as specs write them: a number, <c>root</c> (or empty), or a container's name.</summary>
internal static class Ids
{
    /// <summary>The id, or null with the error and the problem.</summary>
    public static IdReference? Parse(string text, NameScope names, out SpecError error, out string problem)
    {
        (error, problem) = (SpecError.InvalidValue, "");
        if (text is "" or "root")
        {
            return IdReference.Root;
        }

        if (text.All(char.IsAsciiDigit))
        {
            if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return new IdReference(number, null);
            }

            problem = $"{text} is not a 32-bit id";
            return null;
        }

        if (!Names.IsName(text))
        {
            problem = $"'{text}' is neither a number nor a container name";
            return null;
        }

        if (names.Containers is { } containers && !containers.Contains(text))
        {
            (error, problem) = (SpecError.UnknownId, $"'{text}' names no container of this image (LinuxKit gives each container an id by name)");
            return null;
        }

        return new IdReference(null, text);
    }
}
