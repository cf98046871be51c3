using System.Reflection;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Measures;

/// <summary>
/// The conditions a dossier is counted under, one bit each. Finished: resolved (granted or refused), stopped, or
/// withdrawn (its request) after reception. On time, the national rule: finished by the appointment before any apology,
/// and asked to supplement at most once. Disliked: a rating of 1–2, feedback naming the dossier, or an unhappy survey.
/// Fee-bearing: the catalog's word for the procedure (a procedure since removed counts when a fee was recorded).
/// </summary>
[Flags]
public enum Counted
{
    None = 0,
    Received = 1 << 0,
    Accepted = 1 << 1,
    Resolved = 1 << 2,
    Finished = 1 << 3,
    OnTime = 1 << 4,
    ResolvedByAppointment = 1 << 5,
    /// <summary>The one condition time changes on its own: it ends when the appointment passes.</summary>
    PendingNotOverdue = 1 << 6,
    Online = 1 << 7,
    Granted = 1 << 8,
    GrantedDigitizedWithResult = 1 << 9,
    GrantedWithResult = 1 << 10,
    Digitized = 1 << 11,
    Reused = 1 << 12,
    FeeBearing = 1 << 13,
    FeeBearingPaidOnline = 1 << 14,
    Rated = 1 << 15,
    RatedHigh = 1 << 16,
    Disliked = 1 << 17,
}

/// <summary>How many dossiers met each <see cref="Counted"/> condition, and their working days from receipt to resolution.</summary>
public sealed class Tally
{
    private static readonly Counted[] Conditions = Enum.GetValues<Counted>().Where(c => c != Counted.None).ToArray();

    /// <summary><see cref="IndicatorSumRecord"/>'s column for each condition, found by name.</summary>
    private static readonly PropertyInfo[] Columns = Conditions
        .Select(c => typeof(IndicatorSumRecord).GetProperty(c.ToString()) ?? throw new InvalidOperationException($"indicator_sums has no column {c}")).ToArray();

    private readonly int[] counts = new int[Conditions.Length];

    public long WorkingDays { get; private set; }

    public int this[Counted condition] => counts[Array.IndexOf(Conditions, condition)];

    public bool IsZero => WorkingDays == 0 && counts.All(c => c == 0);

    /// <summary>Adds (sign 1) or takes back (sign −1) one dossier's counts.</summary>
    public void Add(DossierTallyRecord dossier, int sign) => Add(dossier.Counted, sign, sign * (long)dossier.WorkingDays);

    /// <summary>Adds <paramref name="dossiers"/> dossiers that met the same <paramref name="counted"/> conditions.</summary>
    public void Add(int counted, int dossiers, long workingDays)
    {
        for (var i = 0; i < Conditions.Length; i++)
        {
            if ((counted & (int)Conditions[i]) != 0)
            {
                counts[i] += dossiers;
            }
        }
        WorkingDays += workingDays;
    }

    public void Add(Tally other)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }
        WorkingDays += other.WorkingDays;
    }

    public static Tally Of(IndicatorSumRecord row)
    {
        var tally = new Tally { WorkingDays = row.WorkingDays };
        for (var i = 0; i < Columns.Length; i++)
        {
            tally.counts[i] = (int)Columns[i].GetValue(row)!;
        }
        return tally;
    }

    /// <summary>Adds these counts into a kept row.</summary>
    public void AddTo(IndicatorSumRecord row)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            Columns[i].SetValue(row, (int)Columns[i].GetValue(row)! + counts[i]);
        }
        row.WorkingDays += WorkingDays;
    }
}
