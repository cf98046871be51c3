using System.Diagnostics;
using Jint;

namespace PublicWorkflow.Engine.Expressions;

/// <summary>
/// Stops a condition that runs too long. The only clock the engine reads, and only to stop runaway scripts:
/// it never decides a result that a well-behaved script would get. Cheaper than Jint's own time limit, which
/// arms a timer per evaluation, and it can be switched off for the sandbox's one-time set-up, which must not
/// fail on a cold or busy machine.
/// </summary>
internal sealed class SandboxTimeLimit(TimeSpan limit) : Constraint
{
    private long startedAt;

    public bool Enabled { get; set; } = true;

    public override void Check()
    {
        if (Enabled && Stopwatch.GetElapsedTime(startedAt) > limit)
        {
            throw new TimeoutException($"the condition ran longer than {limit.TotalMilliseconds} ms");
        }
    }

    public override void Reset() => startedAt = Stopwatch.GetTimestamp();
}
