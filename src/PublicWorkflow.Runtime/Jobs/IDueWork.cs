namespace PublicWorkflow.Runtime.Jobs;

/// <summary>
/// Work of the application that falls due on the runtime's clock (e.g. a dossier's SLA warnings), run by the
/// runtime's sweep after the timers, so there is one clock and one recurring job. It must be safe to run again:
/// the sweep runs on every node and repeats until the work is done.
/// </summary>
public interface IDueWork
{
    Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>
/// Due work that now and then runs for minutes (e.g. counting every dossier again): it gets its own recurring job on
/// the sweep's schedule, one run at a time across nodes, so timers and deadlines never wait behind it. It must be safe
/// to run again, like <see cref="IDueWork"/>.
/// </summary>
public interface ILongDueWork
{
    /// <summary>The recurring job's id, unique among the application's long work.</summary>
    string JobId { get; }

    Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
