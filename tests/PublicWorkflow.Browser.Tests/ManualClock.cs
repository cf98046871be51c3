namespace PublicWorkflow.Browser.Tests;

/// <summary>A clock the test sets, in Vietnam time, so a step can be made overdue without waiting days.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public void Set(DateTimeOffset instant) => now = instant;

    public static DateTimeOffset Hanoi(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(7));
}
