using System.Globalization;
using System.Text.RegularExpressions;

namespace PublicWorkflow.Engine.Timers;

/// <summary>An ISO 8601 duration (PnYnMnWnDTnHnMnS), kept in its calendar parts so months and days stay exact.</summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Weeks, int Days, TimeSpan Time)
{
    [GeneratedRegex(@"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out IsoDuration duration)
    {
        duration = default;
        var match = Pattern().Match(text);
        if (!match.Success || text == "P" || text.EndsWith('T'))
        {
            return false;
        }

        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = match.Groups[7].Success ? double.Parse(match.Groups[7].Value, CultureInfo.InvariantCulture) : 0;
        duration = new IsoDuration(Part(1), Part(2), Part(3), Part(4),
            TimeSpan.FromHours(Part(5)) + TimeSpan.FromMinutes(Part(6)) + TimeSpan.FromSeconds(seconds));
        return duration != default;
    }

    public int TotalDays => Weeks * 7 + Days;
}
