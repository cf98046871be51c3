namespace PublicWorkflow.Runtime.Handlers;

/// <summary>Finds the handler for a service task's pwf:handler name among those registered.</summary>
public sealed class HandlerRegistry(IEnumerable<IServiceHandler> handlers)
{
    private readonly IServiceHandler[] handlers = handlers.ToArray();

    /// <exception cref="InvalidOperationException">No handler takes that name (a deployment gap: retried, then an incident).</exception>
    public IServiceHandler Resolve(string handlerName) =>
        handlers.FirstOrDefault(h => h.Handles(handlerName))
        ?? throw new InvalidOperationException($"no service handler is registered for '{handlerName}'");
}
