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
