using PublicWorkflow.Runtime;

namespace PublicWorkflow.Server.Api;

/// <summary>
/// The window every date a client sends must fall in. Dates far outside it mean nothing for a dossier and overflow the
/// calendar's conversions to UTC (0001-01-01 local is before DateTime's first instant), so they are field errors.
/// </summary>
internal static class ApiDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    public static DateOnly? Check(string field, DateOnly? date) =>
        date is { } d && (d < Earliest || d > Latest) ? throw RuntimeException.Invalid(field, OutOfWindow) : date;

    public static DateTimeOffset? Check(string field, DateTimeOffset? at) =>
        at is { } a && (a.UtcDateTime < Earliest.ToDateTime(TimeOnly.MinValue) || a.UtcDateTime > Latest.ToDateTime(TimeOnly.MaxValue))
            ? throw RuntimeException.Invalid(field, OutOfWindow)
            : at;

    private static string OutOfWindow =>
        $"a date from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd} / ngày từ {Earliest:dd/MM/yyyy} đến {Latest:dd/MM/yyyy}";
}
