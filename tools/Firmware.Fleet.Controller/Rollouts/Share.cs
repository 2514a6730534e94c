using System.Globalization;

namespace Firmware.Fleet.Controller.Rollouts;

/// <summary>A number of devices as people write it: a count (<c>5</c>) or a share of the targets (<c>10%</c>).</summary>
/// <param name="Count">The count, when not a percentage.</param>
/// <param name="Percent">The percentage (0..100), when one.</param>
public readonly record struct Share(int Count, double? Percent)
{
    /// <summary>The number of devices out of <paramref name="total"/>: a percentage rounded up or down, at most <paramref name="total"/>.</summary>
    public int Of(int total, bool roundUp)
    {
        var exact = Percent is { } p ? total * p / 100 : Count;
        return (int)Math.Min(total, roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }

    /// <summary>Parses <c>N</c> or <c>P%</c>; false for anything else (negative, above 100%, not a number).</summary>
    public static bool TryParse(string text, out Share share)
    {
        share = default;
        if (text.EndsWith('%'))
        {
            if (double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
            {
                share = new Share(0, percent);
                return true;
            }

            return false;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            share = new Share(count, null);
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Percent is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : Count.ToString(CultureInfo.InvariantCulture);
}
