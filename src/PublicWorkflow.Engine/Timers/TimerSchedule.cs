using System.Globalization;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Timers;

/// <summary>
/// A parsed timer: when it first falls due and, for a cycle, when it falls due again.
/// Durations are added in Vietnam local time; with working days the days of the duration are working days.
/// </summary>
public sealed record TimerSchedule
{
    private TimerSchedule(TimerKind kind, IsoDuration? duration, DateTimeOffset? date, DateTimeOffset? cycleStart, int? repetitions, bool workingDays)
    {
        Kind = kind;
        Duration = duration;
        Date = date;
        CycleStart = cycleStart;
        Repetitions = repetitions;
        WorkingDays = workingDays;
    }

    public TimerKind Kind { get; }
    public IsoDuration? Duration { get; }
    public DateTimeOffset? Date { get; }
    public DateTimeOffset? CycleStart { get; }

    /// <summary>How many times a cycle fires; null for a cycle without end (<c>R/…</c>), 1 otherwise.</summary>
    public int? Repetitions { get; }

    public bool WorkingDays { get; }

    public static bool TryParse(TimerDefinition timer, out TimerSchedule? schedule, out string? error)
    {
        schedule = null;
        error = null;
        var text = timer.Expression;
        switch (timer.Kind)
        {
            case TimerKind.Duration when IsoDuration.TryParse(text, out var duration):
                schedule = new TimerSchedule(TimerKind.Duration, duration, null, null, 1, timer.WorkingDays);
                return true;
            case TimerKind.Date when TryParseInstant(text, out var date):
                schedule = new TimerSchedule(TimerKind.Date, null, date, null, 1, timer.WorkingDays);
                return true;
            case TimerKind.Cycle:
                return TryParseCycle(timer, out schedule, out error);
        }

        error = timer.Kind switch
        {
            TimerKind.Duration => $"'{text}' is not an ISO 8601 duration such as P3D or PT4H",
            _ => $"'{text}' is not an ISO 8601 date-time such as 2026-12-01T08:00:00+07:00",
        };
        return false;
    }

    private static bool TryParseCycle(TimerDefinition timer, out TimerSchedule? schedule, out string? error)
    {
        schedule = null;
        error = $"'{timer.Expression}' is not an ISO 8601 repeating interval such as R3/PT1H or R/P1D";
        var parts = timer.Expression.Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
        {
            return false;
        }

        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                return false;
            }
            repetitions = count;
        }

        DateTimeOffset? start = null;
        if (parts.Length == 3)
        {
            if (!TryParseInstant(parts[1], out var startInstant))
            {
                return false;
            }
            start = startInstant;
        }

        if (!IsoDuration.TryParse(parts[^1], out var interval))
        {
            return false;
        }

        error = null;
        schedule = new TimerSchedule(TimerKind.Cycle, interval, null, start, repetitions, timer.WorkingDays);
        return true;
    }

    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>An ISO date-time; without an offset it is Vietnam time (never the machine's zone, which would break determinism).</summary>
    private static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        var timePart = text.IndexOf('T', StringComparison.Ordinal);
        if (timePart < 0)
        {
            return false;
        }
        var hasOffset = text.EndsWith('Z') || text.IndexOfAny(['+', '-'], timePart) > 0;
        if (hasOffset)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant);
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }
        instant = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), VietnamOffset).ToUniversalTime();
        return true;
    }

    /// <summary>The first due instant for a timer armed at <paramref name="armedAt"/>.</summary>
    public DateTimeOffset FirstDue(DateTimeOffset armedAt, WorkingCalendar calendar) => Kind switch
    {
        TimerKind.Date => Date!.Value,
        TimerKind.Cycle when CycleStart is { } start && start > armedAt => start,
        _ => Add(armedAt, Duration!.Value, calendar),
    };

    /// <summary>The next due instant of a cycle after it fired at <paramref name="previousDue"/>.</summary>
    public DateTimeOffset NextDue(DateTimeOffset previousDue, WorkingCalendar calendar) => Add(previousDue, Duration!.Value, calendar);

    private DateTimeOffset Add(DateTimeOffset from, IsoDuration duration, WorkingCalendar calendar)
    {
        var local = calendar.ToLocal(from).AddYears(duration.Years).AddMonths(duration.Months);
        local = WorkingDays ? calendar.AddWorkingDays(local, duration.TotalDays) : local.AddDays(duration.TotalDays);
        return calendar.ToInstant(local + duration.Time);
    }
}
