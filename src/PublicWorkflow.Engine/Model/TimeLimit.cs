namespace PublicWorkflow.Engine.Model;

public enum TimeLimitUnit
{
    WorkingDays,
    CalendarDays,
    WorkingHours,
}

/// <summary>A statutory or step time limit: an amount in a unit the calendar knows how to add.</summary>
public readonly record struct TimeLimit(decimal Amount, TimeLimitUnit Unit)
{
    public static bool TryParseUnit(string? text, out TimeLimitUnit unit)
    {
        switch (text)
        {
            case null or "" or "workingDays":
                unit = TimeLimitUnit.WorkingDays;
                return true;
            case "calendarDays":
                unit = TimeLimitUnit.CalendarDays;
                return true;
            case "workingHours":
                unit = TimeLimitUnit.WorkingHours;
                return true;
            default:
                unit = default;
                return false;
        }
    }

    public static string UnitName(TimeLimitUnit unit) => unit switch
    {
        TimeLimitUnit.CalendarDays => "calendarDays",
        TimeLimitUnit.WorkingHours => "workingHours",
        _ => "workingDays",
    };
}
