using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Persistence.Entities;
using System.Globalization;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>A procedure's appointment for one receipt, with the time-limit rule it came from.</summary>
public sealed record ProcedureAppointment(TimeLimitRule Rule, DateTimeOffset At);

/// <summary>
/// The dossier's clock on the working-day calendar: the appointment, the steps' shares of it, the SLA warning, the
/// apology prompt, and what a pause for the applicant does to the appointment. Pure: the caller passes the times.
/// </summary>
public sealed class DossierClock(WorkingCalendar calendar)
{
    public WorkingCalendar Calendar { get; } = calendar;

    /// <summary>
    /// The appointment of a procedure's dossier received at <paramref name="received"/>, by the time-limit rule in force
    /// on the (local) day of receipt. Reception and the "when will it be ready" question both ask this.
    /// </summary>
    public ProcedureAppointment AppointmentFor(Procedure procedure, DateTimeOffset received)
    {
        var receivedOn = DateOnly.FromDateTime(Calendar.ToLocal(received));
        var rule = procedure.TimeLimitOn(receivedOn)
            ?? throw RuntimeException.Invalid("procedureCode", $"procedure {procedure.Code} has no time limit in force on {receivedOn:yyyy-MM-dd}");
        return new ProcedureAppointment(rule, Appointment(received, rule.Limit, rule.SameDayCutoff?.At));
    }

    /// <summary>
    /// A receipt time as people write it: ISO 8601 with an offset (2026-12-07T15:30+07:00, or Z), or without one, read as
    /// the calendar's local time (2026-12-07T15:30).
    /// </summary>
    public static bool TryParseReceived(string? text, WorkingCalendar calendar, out DateTimeOffset received)
    {
        received = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }
        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm'Z'",
                "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture, styles | DateTimeStyles.AssumeUniversal, out var withOffset))
        {
            received = withOffset;
            return true;
        }
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, styles, out var local))
        {
            received = calendar.ToInstant(local);
            return true;
        }
        return false;
    }

    /// <summary>
    /// The appointment for a dossier received at <paramref name="received"/>: N working days from the day after receipt;
    /// a same-day procedure with a cut-off received after it, the next working day.
    /// </summary>
    public DateTimeOffset Appointment(DateTimeOffset received, TimeLimit limit, TimeOnly? sameDayCutoff = null) =>
        Calendar.Deadline(received, limit, sameDayCutoff);

    /// <summary>
    /// When a step should be done: the appointment less the working days of the time limit left after the step's share
    /// (a 7-working-day procedure's appraisal, at 60 %, ends 3 working days before the appointment). Same-day and
    /// working-hour limits give every step the appointment itself.
    /// </summary>
    public DateTimeOffset StepDue(DateTimeOffset appointment, TimeLimit limit, decimal share)
    {
        if (limit.Unit == TimeLimitUnit.WorkingHours || limit.Amount == 0 || share >= 1)
        {
            return appointment;
        }
        var daysLeft = (int)(limit.Amount - decimal.Floor(limit.Amount * share));
        var local = Calendar.ToLocal(appointment);
        var date = DateOnly.FromDateTime(local);
        for (var i = 0; i < daysLeft; i++)
        {
            date = Calendar.PreviousWorkingDay(date);
        }
        return Calendar.ToInstant(date.ToDateTime(Calendar.OfficeCloses));
    }

    /// <summary>The instant <paramref name="share"/> of the office time between the start and the appointment has gone.</summary>
    public DateTimeOffset Warning(DateTimeOffset start, DateTimeOffset appointment, decimal share) =>
        Calendar.AddWorkingHours(start, (decimal)Calendar.WorkingTimeBetween(start, appointment).TotalHours * share);

    /// <summary>The opening of the working day before the appointment's day, or null when that is not after <paramref name="now"/>.</summary>
    public DateTimeOffset? ApologyPrompt(DateTimeOffset appointment, DateTimeOffset now)
    {
        var day = Calendar.PreviousWorkingDay(DateOnly.FromDateTime(Calendar.ToLocal(appointment)));
        var prompt = Calendar.ToInstant(day.ToDateTime(Calendar.OfficeOpens));
        return prompt > now ? prompt : null;
    }

    /// <summary>The appointment once the applicant has answered, by the procedure's rule for supplements.</summary>
    public DateTimeOffset Resume(SupplementClock rule, DateTimeOffset appointment, DateTimeOffset pausedAt, DateTimeOffset now, TimeLimit limit) => rule switch
    {
        SupplementClock.Restart => Appointment(now, limit),
        SupplementClock.Keep => appointment,
        _ => Calendar.AddWorkingHours(appointment, (decimal)Calendar.WorkingTimeBetween(pausedAt, now).TotalHours),
    };

    /// <summary>Early (an earlier day), on time (the due day, by the due time) or late, for a step handed on at <paramref name="at"/>.</summary>
    public HandoverTiming Timing(DateTimeOffset at, DateTimeOffset? due)
    {
        if (due is null)
        {
            return HandoverTiming.OnTime;
        }
        if (at > due)
        {
            return HandoverTiming.Late;
        }
        return DateOnly.FromDateTime(Calendar.ToLocal(at)) < DateOnly.FromDateTime(Calendar.ToLocal(due.Value)) ? HandoverTiming.Early : HandoverTiming.OnTime;
    }

    public static string Format(TimeLimit limit) => $"{limit.Amount.ToString(CultureInfo.InvariantCulture)} {TimeLimit.UnitName(limit.Unit)}";

    public static TimeLimit? Parse(string? text)
    {
        var parts = text?.Split(' ');
        return parts is { Length: 2 } && decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            && TimeLimit.TryParseUnit(parts[1], out var unit)
            ? new TimeLimit(amount, unit)
            : null;
    }
}
