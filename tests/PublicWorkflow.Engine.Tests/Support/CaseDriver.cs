using System.Text.Json;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Tests.Support;

/// <summary>Steps one case through the interpreter and keeps what the last command did.</summary>
internal sealed class CaseDriver(Definition definition, DateTimeOffset? start = null)
{
    private static readonly Interpreter Interpreter = new(WorkingCalendar.BuiltIn);

    /// <summary>Tuesday 3 March 2026, 09:00 in Hanoi: an ordinary working day.</summary>
    public static readonly DateTimeOffset OrdinaryMorning = new(2026, 3, 3, 9, 0, 0, TimeSpan.FromHours(7));

    public Definition Definition { get; } = definition;
    public CaseState State { get; private set; } = CaseState.New;
    public DateTimeOffset Now { get; set; } = start ?? OrdinaryMorning;
    public ExecutionResult? Last { get; private set; }
    public IReadOnlyList<Effect> Effects => Last?.Effects ?? [];
    public List<Effect> AllEffects { get; } = [];

    public ExecutionResult Do(Command command)
    {
        Last = Interpreter.Execute(Definition, State, command, Now);
        if (Last.Accepted)
        {
            State = Last.State;
            AllEffects.AddRange(Last.Effects);
        }
        return Last;
    }

    /// <summary>Runs a command that must be accepted.</summary>
    public CaseDriver Must(Command command)
    {
        var result = Do(command);
        Assert.That(result.Rejection, Is.Null, () => $"{command} was rejected: {result.Rejection?.Message}");
        return this;
    }

    public CaseDriver Start(object? variables = null) => Must(new StartCase(Vars(variables)));

    public CaseDriver Complete(string elementId, object? outputs = null) => Must(new CompleteTask(TaskOf(elementId), Vars(outputs)));

    public CaseDriver Succeed(string elementId, object? outputs = null) => Must(new HandlerSucceeded(TaskOf(elementId), Vars(outputs)));

    /// <summary>Moves the clock to the timer's due instant and fires it.</summary>
    public CaseDriver FireTimerOf(string elementId)
    {
        var timer = State.Timers.Single(t => t.ElementId == elementId);
        Now = timer.DueAt;
        return Must(new FireTimer(timer.Id));
    }

    public string TaskOf(string elementId) => State.Activities.Single(a => a.ElementId == elementId).Id;

    public string[] Active => State.Activities.Select(a => a.ElementId).OrderBy(x => x, StringComparer.Ordinal).ToArray();

    public IEnumerable<T> EffectsOf<T>() where T : Effect => Effects.OfType<T>();

    public static IReadOnlyDictionary<string, JsonElement>? Vars(object? values) =>
        values is null
            ? null
            : JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}
