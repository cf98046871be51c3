using System.Text.Json;
using PublicWorkflow.Runtime.Handlers;

namespace PublicWorkflow.Runtime.Tests.Support;

/// <summary>
/// <c>test.flaky</c>: fails while <see cref="Broken"/> is set (an external registry that is down), succeeds once
/// it is repaired. Counts its runs so tests can see the retries.
/// </summary>
internal sealed class SwitchableHandler : IServiceHandler
{
    public static volatile bool Broken;
    private static int runs;

    public static int Runs => Volatile.Read(ref runs);

    public static void Reset(bool broken)
    {
        Broken = broken;
        Interlocked.Exchange(ref runs, 0);
    }

    public bool Handles(string handlerName) => handlerName == "test.flaky";

    public Task<IReadOnlyDictionary<string, JsonElement>> HandleAsync(HandlerContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref runs);
        if (Broken)
        {
            throw new InvalidOperationException("the national registry did not answer");
        }
        IReadOnlyDictionary<string, JsonElement> outputs = new Dictionary<string, JsonElement> { ["registered"] = JsonSerializer.SerializeToElement(true) };
        return Task.FromResult(outputs);
    }
}
