using System.Globalization;
using System.Reflection;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Calendar;

/// <summary>How much a date's classification can be trusted.</summary>
public enum CalendarCoverage
{
    /// <summary>The year's official schedule is in the data.</summary>
    Official,

    /// <summary>Only the holidays fixed by law are known; announced days may still be added.</summary>
    Provisional,

    /// <summary>The data has no such year: only weekends are known.</summary>
    Unknown,
}

/// <summary>
/// Working days of the Vietnamese civil service: Monday–Friday, minus days off, plus make-up Saturdays,
/// all from data. Local times are Vietnam time; instants are UTC <see cref="DateTimeOffset"/>s.
/// Pure: it never reads the clock. A day off the data marks <c>confidence: "uncertain"</c> counts as off until an
/// administrator's decision (<see cref="Decide"/>) keeps it or removes it.
/// </summary>
public sealed class WorkingCalendar
{
    public const string Uncertain = "uncertain";

    private readonly Dictionary<DateOnly, DayOff> daysOff = [];

    /// <summary>Decisions on uncertain days (true: a day off after all, false: a working day), replaced whole so readers never see half of them.</summary>
    private volatile IReadOnlyDictionary<DateOnly, bool> decisions = new Dictionary<DateOnly, bool>();
    private readonly HashSet<DateOnly> workingSaturdays = [];
    private readonly Dictionary<int, CalendarCoverage> coverage = [];
    private readonly (TimeOnly From, TimeOnly To)[] officeHours;

    /// <summary>From this UTC instant on the zone's offset never changes (no rule after it), so no look-up is needed.</summary>
    private readonly DateTimeOffset stableSince;
    private readonly TimeSpan stableOffset;

    public WorkingCalendar(CalendarData data)
    {
        Zone = FindZone(data.Timezone);
        (stableSince, stableOffset) = StableOffset(Zone);
        officeHours = data.OfficeHours.Select(h => (ParseTime(h.From, "officeHours.from"), ParseTime(h.To, "officeHours.to"))).ToArray();
        if (officeHours.Length == 0 || officeHours.Any(h => h.From >= h.To))
        {
            throw new CalendarDataException("officeHours: need at least one interval, each with from < to");
        }

        foreach (var (yearText, year) in data.Years)
        {
            if (!int.TryParse(yearText, CultureInfo.InvariantCulture, out var yearNumber))
            {
                throw new CalendarDataException($"years.{yearText}: the key must be a year number");
            }
            coverage[yearNumber] = year.Status == "provisional" ? CalendarCoverage.Provisional : CalendarCoverage.Official;
            foreach (var day in year.DaysOff)
            {
                daysOff[ParseDate(day.Date, $"years.{yearText}.daysOff")] = day;
            }
            foreach (var saturday in year.WorkingSaturdays)
            {
                var date = ParseDate(saturday.Date, $"years.{yearText}.workingSaturdays");
                if (date.DayOfWeek != DayOfWeek.Saturday)
                {
                    throw new CalendarDataException($"years.{yearText}.workingSaturdays: {saturday.Date} is a {date.DayOfWeek}, not a Saturday");
                }
                workingSaturdays.Add(date);
            }
        }
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The office's opening periods of a working day (e.g. 08:00–12:00 and 13:00–17:00).</summary>
    public IReadOnlyList<(TimeOnly From, TimeOnly To)> OfficeHours => officeHours;

    public TimeOnly OfficeOpens => officeHours[0].From;

    public TimeOnly OfficeCloses => officeHours[^1].To;

    /// <summary>The calendar shipped with the engine (the same file as procedure-catalog/calendar/vn-civil-service.json).</summary>
    public static WorkingCalendar BuiltIn { get; } = LoadBuiltIn();

    private static WorkingCalendar LoadBuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PublicWorkflow.Engine.vn-civil-service.json")
            ?? throw new InvalidOperationException("the built-in calendar resource is missing from the engine assembly");
        using var reader = new StreamReader(stream);
        return new WorkingCalendar(CalendarData.Parse(reader.ReadToEnd()));
    }

    public CalendarCoverage CoverageOf(DateOnly date) => coverage.GetValueOrDefault(date.Year, CalendarCoverage.Unknown);

    public DayOff? DayOffOn(DateOnly date) => daysOff.GetValueOrDefault(date) is { } day && decisions.GetValueOrDefault(date, true) ? day : null;

    /// <summary>The days off the data marks uncertain, with what has been decided for each (null: not yet).</summary>
    public IReadOnlyList<(DateOnly Date, DayOff Day, bool? Kept)> UncertainDays =>
        daysOff.Where(d => d.Value.Confidence == Uncertain).OrderBy(d => d.Key)
            .Select(d => (d.Key, d.Value, decisions.TryGetValue(d.Key, out var kept) ? kept : (bool?)null)).ToList();

    /// <summary>
    /// Applies the decisions on uncertain days (date → still a day off), replacing those applied before. A decision on a
    /// day the data does not mark uncertain is refused: official days are changed in the data file, with their source.
    /// </summary>
    public void Decide(IReadOnlyDictionary<DateOnly, bool> decided)
    {
        if (decided.Keys.Where(d => daysOff.GetValueOrDefault(d)?.Confidence != Uncertain).Select(d => (DateOnly?)d).FirstOrDefault() is { } stray)
        {
            throw new ArgumentException($"{stray:yyyy-MM-dd} is not an uncertain day off of the calendar data", nameof(decided));
        }
        decisions = new Dictionary<DateOnly, bool>(decided);
    }

    public bool IsWorkingDay(DateOnly date)
    {
        if (daysOff.ContainsKey(date) && decisions.GetValueOrDefault(date, true))
        {
            return false;
        }
        return date.DayOfWeek switch
        {
            DayOfWeek.Sunday => false,
            DayOfWeek.Saturday => workingSaturdays.Contains(date),
            _ => true,
        };
    }

    public DateTime ToLocal(DateTimeOffset instant) =>
        instant >= stableSince ? instant.UtcDateTime + stableOffset : TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public DateTimeOffset ToInstant(DateTime local)
    {
        var offset = local - stableOffset >= stableSince.UtcDateTime ? stableOffset : Zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }

    /// <summary>
    /// Time-zone look-ups are the costliest part of a deadline. Vietnam has kept UTC+7 since 1975; in general, after
    /// the end of a zone's last adjustment rule (and with no daylight saving) one offset holds for good.
    /// </summary>
    private static (DateTimeOffset Since, TimeSpan Offset) StableOffset(TimeZoneInfo zone)
    {
        if (zone.SupportsDaylightSavingTime && zone.GetAdjustmentRules().Any(r => r.DateEnd == DateTime.MaxValue.Date))
        {
            return (DateTimeOffset.MaxValue, TimeSpan.Zero);
        }
        var lastChange = zone.GetAdjustmentRules().Select(r => r.DateEnd).DefaultIfEmpty(DateTime.MinValue).Max();
        var since = lastChange == DateTime.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(lastChange.AddDays(2), TimeSpan.Zero);
        return (since, zone.BaseUtcOffset);
    }

    public DateOnly NextWorkingDay(DateOnly date)
    {
        do
        {
            date = date.AddDays(1);
        }
        while (!IsWorkingDay(date));
        return date;
    }

    /// <summary>
    /// Adds <paramref name="days"/> working days to a local date-time, keeping the time of day. A start outside
    /// a working day first moves to the opening of the next working day.
    /// </summary>
    public DateTime AddWorkingDays(DateTime local, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        if (!IsWorkingDay(date))
        {
            date = NextWorkingDay(date);
            time = OfficeOpens;
        }
        for (var i = 0; i < days; i++)
        {
            date = NextWorkingDay(date);
        }
        return date.ToDateTime(time);
    }

    /// <summary>
    /// Working days from one instant to another: the working dates after the first's local date up to and
    /// including the second's (negative when the second is earlier). Consistent with
    /// <see cref="AddWorkingDays"/>: adding n working days to a working day gives a date n away.
    /// </summary>
    public int CountWorkingDays(DateTimeOffset from, DateTimeOffset to)
    {
        var start = DateOnly.FromDateTime(ToLocal(from));
        var end = DateOnly.FromDateTime(ToLocal(to));
        if (end < start)
        {
            return -CountWorkingDays(to, from);
        }
        var count = 0;
        for (var date = start.AddDays(1); date <= end; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// The date a dossier (or a step) received at <paramref name="received"/> counts as received: the same day when it
    /// is a working day and the office has not closed, else the next working day (a filing at night or on a day off is
    /// received when the office next opens).
    /// </summary>
    public DateOnly EffectiveReceiptDate(DateTimeOffset received)
    {
        var local = ToLocal(received);
        var date = DateOnly.FromDateTime(local);
        return IsWorkingDay(date) && TimeOnly.FromDateTime(local) < OfficeCloses ? date : NextWorkingDay(date);
    }

    /// <summary>
    /// The due instant for a time limit starting at <paramref name="received"/>:
    /// working days count from the day after the effective receipt date and end at office closing (0 = the same working
    /// day); calendar days likewise, moved to the next working day when the last day is a day off;
    /// working hours are counted inside office hours.
    /// </summary>
    /// <param name="sameDayCutoff">
    /// For a same-day limit (0 working days) whose rule says so: received at or after this local time, it is due the
    /// next working day. No other limit has a cut-off: the law counts N days from the day after receipt, whatever the hour.
    /// </param>
    public DateTimeOffset Deadline(DateTimeOffset received, TimeLimit limit, TimeOnly? sameDayCutoff = null)
    {
        switch (limit.Unit)
        {
            case TimeLimitUnit.WorkingHours:
                return AddWorkingHours(received, limit.Amount);
            case TimeLimitUnit.CalendarDays:
            {
                var last = EffectiveReceiptDate(received).AddDays(WholeDays(limit));
                if (!IsWorkingDay(last))
                {
                    last = NextWorkingDay(last);
                }
                return ToInstant(last.ToDateTime(OfficeCloses));
            }
            default:
            {
                var receiptDate = EffectiveReceiptDate(received);
                var days = WholeDays(limit);
                if (days == 0 && sameDayCutoff is { } cutoff && receiptDate == DateOnly.FromDateTime(ToLocal(received))
                    && TimeOnly.FromDateTime(ToLocal(received)) >= cutoff)
                {
                    days = 1;
                }
                return ToInstant(AddWorkingDays(receiptDate.ToDateTime(OfficeCloses), days));
            }
        }
    }

    private static int WholeDays(TimeLimit limit) =>
        limit.Amount == decimal.Truncate(limit.Amount) && limit.Amount >= 0
            ? (int)limit.Amount
            : throw new ArgumentOutOfRangeException(nameof(limit), limit.Amount, "a time limit in days must be a whole, non-negative number");

    /// <summary>Adds working hours, counted only inside office hours of working days.</summary>
    public DateTimeOffset AddWorkingHours(DateTimeOffset start, decimal hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        var remaining = TimeSpan.FromHours((double)hours);
        var local = ToLocal(start);
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        while (true)
        {
            if (IsWorkingDay(date))
            {
                foreach (var (from, to) in officeHours)
                {
                    if (time >= to)
                    {
                        continue;
                    }
                    var begin = time > from ? time : from;
                    var available = to - begin;
                    if (remaining <= available)
                    {
                        return ToInstant(date.ToDateTime(begin.Add(remaining)));
                    }
                    remaining -= available;
                    time = to;
                }
            }
            date = date.AddDays(1);
            time = TimeOnly.MinValue;
        }
    }

    public DateOnly PreviousWorkingDay(DateOnly date)
    {
        do
        {
            date = date.AddDays(-1);
        }
        while (!IsWorkingDay(date));
        return date;
    }

    /// <summary>Office time between two instants: the inverse of <see cref="AddWorkingHours"/> (zero when the second is not later).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        var start = ToLocal(from);
        var end = ToLocal(to);
        for (var date = DateOnly.FromDateTime(start); date <= DateOnly.FromDateTime(end); date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }
            foreach (var (open, close) in officeHours)
            {
                var begin = date.ToDateTime(open) < start ? start : date.ToDateTime(open);
                var finish = date.ToDateTime(close) > end ? end : date.ToDateTime(close);
                if (finish > begin)
                {
                    total += finish - begin;
                }
            }
        }
        return total;
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException) when (id == "Asia/Ho_Chi_Minh")
        {
            // Machines without tzdata: Vietnam has kept UTC+7 without daylight saving since 1975.
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(7), id, id);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new CalendarDataException($"timezone: unknown time zone '{id}'", ex);
        }
    }

    private static TimeOnly ParseTime(string text, string field) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new CalendarDataException($"{field}: '{text}' is not a time as HH:mm");

    private static DateOnly ParseDate(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CalendarDataException($"{field}: '{text}' is not a date as yyyy-MM-dd");
}
