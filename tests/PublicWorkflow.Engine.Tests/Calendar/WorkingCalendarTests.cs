using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.BuiltIn;
    private static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);

    private static DateTimeOffset At(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, Hanoi);

    [Test]
    public void Adding_working_days_skips_the_Tet_holiday_2026()
    {
        // Friday 13 Feb 2026; 14-15 weekend, 16-20 Tết, 21-22 weekend.
        Assert.That(Calendar.AddWorkingDays(new DateTime(2026, 2, 13, 10, 0, 0), 1), Is.EqualTo(new DateTime(2026, 2, 23, 10, 0, 0)));
    }

    [Test]
    public void Adding_working_days_skips_the_2_September_break_2025()
    {
        // Friday 29 Aug 2025; 30-31 weekend, 1-2 Sept holiday.
        Assert.That(Calendar.AddWorkingDays(new DateTime(2025, 8, 29, 9, 30, 0), 1), Is.EqualTo(new DateTime(2025, 9, 3, 9, 30, 0)));
    }

    [Test]
    public void A_make_up_Saturday_is_a_working_day_and_the_swapped_day_is_not()
    {
        Assert.That(Calendar.IsWorkingDay(new DateOnly(2026, 1, 10)), Is.True, "Saturday 10 Jan 2026 makes up for Friday 2 Jan");
        Assert.That(Calendar.IsWorkingDay(new DateOnly(2026, 1, 2)), Is.False);
        Assert.That(Calendar.AddWorkingDays(new DateTime(2026, 1, 9, 8, 0, 0), 1), Is.EqualTo(new DateTime(2026, 1, 10, 8, 0, 0)));
        Assert.That(Calendar.IsWorkingDay(new DateOnly(2026, 1, 17)), Is.False, "an ordinary Saturday");
    }

    [Test]
    public void Every_calculation_treats_the_make_up_Saturday_of_April_2025_as_a_working_day()
    {
        // Saturday 26/4/2025 made up for Friday 2/5; 30/4 and 1/5 are holidays, 3-4/5 the weekend.
        var makeUp = new DateOnly(2025, 4, 26);
        Assert.That(Calendar.NextWorkingDay(new DateOnly(2025, 4, 25)), Is.EqualTo(makeUp));
        Assert.That(Calendar.PreviousWorkingDay(new DateOnly(2025, 4, 28)), Is.EqualTo(makeUp));
        Assert.That(Calendar.EffectiveReceiptDate(At(2025, 4, 26, 9)), Is.EqualTo(makeUp), "a dossier received that Saturday morning counts that day");
        Assert.That(Calendar.EffectiveReceiptDate(At(2025, 4, 26, 15, 30)), Is.EqualTo(makeUp), "15:30 is no cut-off of the calendar's");
        Assert.That(Calendar.EffectiveReceiptDate(At(2025, 4, 26, 17, 30)), Is.EqualTo(new DateOnly(2025, 4, 28)), "after the office closed: Monday");
        // Three working days from Thursday 24/4: Friday 25, Saturday 26, Monday 28.
        Assert.That(Calendar.Deadline(At(2025, 4, 24, 10), new TimeLimit(3, TimeLimitUnit.WorkingDays)), Is.EqualTo(At(2025, 4, 28, 17)));
        // Five working days from Friday 25/4: 26, 28, 29, then 30/4-4/5 off, 5 and 6 May.
        Assert.That(Calendar.Deadline(At(2025, 4, 25, 10), new TimeLimit(5, TimeLimitUnit.WorkingDays)), Is.EqualTo(At(2025, 5, 6, 17)));
        Assert.That(Calendar.CountWorkingDays(At(2025, 4, 25, 10), At(2025, 4, 28, 10)), Is.EqualTo(2), "Saturday 26 and Monday 28");
        Assert.That(Calendar.WorkingTimeBetween(At(2025, 4, 25, 17), At(2025, 4, 28, 8)), Is.GreaterThan(TimeSpan.Zero), "office hours on the Saturday count");
        Assert.That(Calendar.WorkingTimeBetween(At(2025, 4, 18, 17), At(2025, 4, 21, 8)), Is.EqualTo(TimeSpan.Zero), "an ordinary weekend has none");
        Assert.That(Calendar.IsWorkingDay(new DateOnly(2025, 5, 2)), Is.False, "the swapped Friday");
        Assert.That(Calendar.IsWorkingDay(new DateOnly(2024, 5, 4)), Is.True, "2024's make-up Saturday");
        Assert.That(Calendar.IsWorkingDay(new DateOnly(2024, 5, 11)), Is.False);
    }

    [Test]
    public void An_uncertain_day_is_off_until_decided_and_only_uncertain_days_can_be_decided()
    {
        var calendar = new WorkingCalendar(CalendarData.Parse(File.ReadAllText(Path.Combine(Repo.Root, "procedure-catalog", "calendar", "vn-civil-service.json"))));
        var cultureDay = new DateOnly(2026, 11, 24);
        Assert.That(calendar.IsWorkingDay(cultureDay), Is.False, "off until confirmed: the law may have made it a holiday");
        Assert.That(calendar.UncertainDays.Select(d => (d.Date, d.Kept)), Does.Contain((cultureDay, (bool?)null)));

        calendar.Decide(new Dictionary<DateOnly, bool> { [cultureDay] = false });
        Assert.That(calendar.IsWorkingDay(cultureDay), Is.True);
        Assert.That(calendar.DayOffOn(cultureDay), Is.Null);
        Assert.That(calendar.UncertainDays.Single(d => d.Date == cultureDay).Kept, Is.False);

        Assert.Throws<ArgumentException>(() => calendar.Decide(new Dictionary<DateOnly, bool> { [new DateOnly(2026, 9, 2)] = false }),
            "National Day is official: it is changed in the data file, with its source");
        calendar.Decide(new Dictionary<DateOnly, bool>());
        Assert.That(calendar.IsWorkingDay(cultureDay), Is.False, "decisions are replaced whole");
        Assert.That(WorkingCalendar.BuiltIn.IsWorkingDay(cultureDay), Is.False, "another calendar is untouched");
    }

    /// <summary>
    /// Decree 118 / Civil Code Art. 147-148: N working days run from the day after receipt, whatever the hour; only a
    /// same-day procedure whose rule says so moves to the next working day when received after its cut-off.
    /// </summary>
    [Test]
    public void The_cut_off_belongs_to_a_same_day_rule_and_never_lengthens_a_limit_of_days()
    {
        var threeDays = new TimeLimit(3, TimeLimitUnit.WorkingDays);
        var sameDay = new TimeLimit(0, TimeLimitUnit.WorkingDays);
        var cutoff = new TimeOnly(15, 0);
        // Monday 7/12/2026.
        Assert.That(Calendar.Deadline(At(2026, 12, 7, 10), threeDays), Is.EqualTo(At(2026, 12, 10, 17)), "Mon 10:00: Thursday");
        Assert.That(Calendar.Deadline(At(2026, 12, 7, 15, 30), threeDays), Is.EqualTo(At(2026, 12, 10, 17)), "Mon 15:30: still Thursday, not Friday");
        Assert.That(Calendar.Deadline(At(2026, 12, 7, 15, 30), threeDays, cutoff), Is.EqualTo(At(2026, 12, 10, 17)), "a cut-off never touches a limit of days");
        Assert.That(Calendar.Deadline(At(2026, 12, 7, 17, 30), threeDays), Is.EqualTo(At(2026, 12, 11, 17)), "after closing: received Tuesday, due Friday");
        Assert.That(Calendar.Deadline(At(2026, 12, 7, 14, 59), sameDay, cutoff), Is.EqualTo(At(2026, 12, 7, 17)), "before the cut-off: today");
        Assert.That(Calendar.Deadline(At(2026, 12, 7, 15, 0), sameDay, cutoff), Is.EqualTo(At(2026, 12, 8, 17)), "at the cut-off: the next working day");
        Assert.That(Calendar.Deadline(At(2026, 12, 7, 15, 30), sameDay), Is.EqualTo(At(2026, 12, 7, 17)), "a same-day rule without a cut-off: today");
        Assert.That(Calendar.Deadline(At(2026, 12, 11, 16, 0), sameDay, cutoff), Is.EqualTo(At(2026, 12, 14, 17)), "Friday after the cut-off: Monday");
        Assert.That(Calendar.Deadline(At(2026, 12, 12, 9, 0), sameDay, cutoff), Is.EqualTo(At(2026, 12, 14, 17)), "Saturday morning: received Monday, due Monday");
    }

    [Test]
    public void A_start_on_a_day_off_counts_from_the_opening_of_the_next_working_day()
    {
        Assert.That(Calendar.AddWorkingDays(new DateTime(2026, 2, 17, 20, 0, 0), 0), Is.EqualTo(new DateTime(2026, 2, 23, 8, 0, 0)));
    }

    [Test]
    public void Counting_working_days_across_Tet_2025()
    {
        // Friday 24 Jan -> Monday 3 Feb 2025: 27-31 Jan are Tết, so only 3 Feb counts.
        Assert.That(Calendar.CountWorkingDays(At(2025, 1, 24, 10), At(2025, 2, 3, 10)), Is.EqualTo(1));
        Assert.That(Calendar.CountWorkingDays(At(2025, 2, 3, 10), At(2025, 1, 24, 10)), Is.EqualTo(-1));
        Assert.That(Calendar.CountWorkingDays(At(2025, 1, 20, 10), At(2025, 2, 7, 10)), Is.EqualTo(9));
    }

    [Test]
    public void Same_day_before_the_cutoff_is_due_at_office_close_that_day()
    {
        var due = Calendar.Deadline(At(2026, 3, 3, 14, 59), new TimeLimit(0, TimeLimitUnit.WorkingDays));
        Assert.That(due, Is.EqualTo(At(2026, 3, 3, 17)));
        Assert.That(due.Offset, Is.EqualTo(TimeSpan.Zero), "instants are stored in UTC");
    }

    [Test]
    public void Same_day_with_the_15_00_rule_received_at_15_05_on_the_Friday_before_the_National_Day_break_is_due_after_the_break()
    {
        // Friday 28 Aug 2026 15:05 -> 29-30 weekend, 31 swapped off, 1-2 Sept holiday -> Thursday 3 Sept.
        var due = Calendar.Deadline(At(2026, 8, 28, 15, 5), new TimeLimit(0, TimeLimitUnit.WorkingDays), new TimeOnly(15, 0));
        Assert.That(due, Is.EqualTo(At(2026, 9, 3, 17)));
    }

    [Test]
    public void Working_day_limits_count_from_the_effective_receipt_date()
    {
        Assert.That(Calendar.Deadline(At(2026, 3, 2, 10), new TimeLimit(3, TimeLimitUnit.WorkingDays)), Is.EqualTo(At(2026, 3, 5, 17)));
        Assert.That(Calendar.Deadline(At(2026, 3, 2, 16), new TimeLimit(3, TimeLimitUnit.WorkingDays)), Is.EqualTo(At(2026, 3, 5, 17)), "16:00 changes nothing");
        Assert.That(Calendar.Deadline(At(2026, 3, 2, 17, 30), new TimeLimit(3, TimeLimitUnit.WorkingDays)), Is.EqualTo(At(2026, 3, 6, 17)), "after closing: from Tuesday");
    }

    [Test]
    public void Calendar_day_limits_count_every_day_but_end_on_a_working_day()
    {
        Assert.That(Calendar.Deadline(At(2026, 3, 2, 10), new TimeLimit(10, TimeLimitUnit.CalendarDays)), Is.EqualTo(At(2026, 3, 12, 17)));
        // 10 days from Wednesday 4 March is Saturday 14 March -> Monday 16 March.
        Assert.That(Calendar.Deadline(At(2026, 3, 4, 10), new TimeLimit(10, TimeLimitUnit.CalendarDays)), Is.EqualTo(At(2026, 3, 16, 17)));
    }

    [Test]
    public void Working_hours_are_counted_inside_office_hours()
    {
        Assert.That(Calendar.AddWorkingHours(At(2026, 3, 3, 10), 4), Is.EqualTo(At(2026, 3, 3, 15)), "lunch 12-13 does not count");
        Assert.That(Calendar.AddWorkingHours(At(2026, 3, 3, 16), 4), Is.EqualTo(At(2026, 3, 4, 11)));
        Assert.That(Calendar.AddWorkingHours(At(2026, 2, 13, 16), 2), Is.EqualTo(At(2026, 2, 23, 9)), "across Tết");
    }

    [Test]
    public void Local_time_conversion_agrees_with_the_time_zone_database_before_and_after_1975()
    {
        for (var instant = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero); instant.Year < 2031; instant = instant.AddHours(997))
        {
            var expected = TimeZoneInfo.ConvertTime(instant, Calendar.Zone).DateTime;
            Assert.That(Calendar.ToLocal(instant), Is.EqualTo(expected), instant.ToString("O"));
            Assert.That(Calendar.ToInstant(expected), Is.EqualTo(instant), instant.ToString("O"));
        }
    }

    [Test]
    public void The_data_says_how_far_it_can_be_trusted()
    {
        Assert.That(Calendar.CoverageOf(new DateOnly(2026, 6, 1)), Is.EqualTo(CalendarCoverage.Official));
        Assert.That(Calendar.CoverageOf(new DateOnly(2027, 6, 1)), Is.EqualTo(CalendarCoverage.Provisional));
        Assert.That(Calendar.CoverageOf(new DateOnly(2028, 6, 1)), Is.EqualTo(CalendarCoverage.Unknown));
        Assert.That(Calendar.IsWorkingDay(new DateOnly(2027, 9, 2)), Is.False, "fixed-date holiday of 2027");
        Assert.That(Calendar.DayOffOn(new DateOnly(2026, 11, 24))!.Confidence, Is.EqualTo("uncertain"));
    }

    [Test]
    public void Calendar_data_is_read_from_text_so_it_can_change_without_recompiling()
    {
        const string json = """
            { "timezone": "Asia/Ho_Chi_Minh", "officeHours": [ { "from": "07:30", "to": "16:30" } ],
              "years": { "2030": { "status": "official", "workingSaturdays": [],
                "daysOff": [ { "date": "2030-03-05", "kind": "statutory", "name_vi": "Thử", "name_en": "Test" } ] } } }
            """;
        var calendar = new WorkingCalendar(CalendarData.Parse(json));
        Assert.That(calendar.IsWorkingDay(new DateOnly(2030, 3, 5)), Is.False);
        Assert.That(calendar.OfficeCloses, Is.EqualTo(new TimeOnly(16, 30)));
    }

    [TestCase("""{ "timezone": "Asia/Ho_Chi_Minh", "officeHours": [ { "from": "8am", "to": "17:00" } ], "years": {} }""", "officeHours.from")]
    [TestCase("""{ "timezone": "Asia/Ho_Chi_Minh", "officeHours": [ { "from": "08:00", "to": "17:00" } ], "years": { "2030": { "status": "official", "daysOff": [ { "date": "5/3/2030", "kind": "x", "name_vi": "a", "name_en": "b" } ], "workingSaturdays": [] } } }""", "years.2030.daysOff")]
    [TestCase("""{ "timezone": "Asia/Ho_Chi_Minh", "officeHours": [ { "from": "08:00", "to": "17:00" } ], "years": { "2030": { "status": "official", "daysOff": [], "workingSaturdays": [ { "date": "2030-03-04", "reason": "x" } ] } } }""", "not a Saturday")]
    [TestCase("""{ "timezone": """, "not valid JSON")]
    public void Bad_calendar_data_is_refused_naming_the_field(string json, string expected)
    {
        var ex = Assert.Throws<CalendarDataException>(() => new WorkingCalendar(CalendarData.Parse(json)));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void The_shipped_data_file_is_the_one_built_into_the_engine()
    {
        var file = File.ReadAllText(Path.Combine(Support.Repo.Root, "procedure-catalog", "calendar", "vn-civil-service.json"));
        var fromFile = new WorkingCalendar(CalendarData.Parse(file));
        for (var date = new DateOnly(2024, 1, 1); date.Year < 2028; date = date.AddDays(1))
        {
            Assert.That(fromFile.IsWorkingDay(date), Is.EqualTo(Calendar.IsWorkingDay(date)), date.ToString());
        }
    }
}
