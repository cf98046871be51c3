namespace PublicWorkflow.Runtime.Tests.Support;

/// <summary>A clock the test sets: scenarios happen on given dates (a Friday before a holiday, June 2025) in Vietnam time.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public void Set(DateTimeOffset instant) => now = instant;

    /// <summary>A Vietnam local time (UTC+7).</summary>
    public static DateTimeOffset Hanoi(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));
}
