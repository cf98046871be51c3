using PublicWorkflow.OneStop.Staff;
using PublicWorkflow.OneStop.Persistence.Entities;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Api;

/// <summary>A task in an inbox.</summary>
/// <param name="WorkingDaysLeft">Working days until the step is due (negative when overdue).</param>
/// <param name="Urgency">overdue, at-risk (due today or the next working day) or normal.</param>
public sealed record TaskDto(Guid Id, Guid CaseId, string? DossierCode, string ElementId, string? Name, string? CandidateRole, string? Agency, string? Level,
    string? Assignee, string State, string? Form, DateTimeOffset? DueAt, int? WorkingDaysLeft, string Urgency, int Revision);

/// <summary>The words of a step's outcome, as the API, the dossier lifecycle and the workflows' conditions use them.</summary>
public sealed record StepOutcomesDto(string Decision, string Reasons, string Missing, string Approve, string Supplement, string Refuse);

/// <summary>A step's outputs, e.g. <c>{"decision": "approve"}</c>.</summary>
public sealed record CompleteTaskRequest(Dictionary<string, JsonElement>? Outputs);

/// <summary>Everything the applicant must still supply.</summary>
public sealed record RequestSupplementRequest(List<string>? Missing);

/// <summary>The reasons for refusing.</summary>
public sealed record RefuseRequest(List<string>? Reasons);

/// <summary>Who takes the task over.</summary>
public sealed record ReassignRequest(string? Assignee);

/// <summary>A member of staff a task can be given to; those with the step's job role come first.</summary>
public sealed record AssigneeDto(string UserName, string DisplayName, bool HasStepRole);

/// <summary>What a task command did: the case's new status and revision, and the tasks it opened.</summary>
public sealed record CommandResultDto(Guid CaseId, string CaseStatus, int CaseRevision, IReadOnlyList<Guid> OpenedTasks);

/// <summary>Clerks' inboxes and the task commands; every command takes Idempotency-Key and If-Match.</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/tasks").WithTags("Tasks").RequireAuthorization(StaffRoles.Policies.Tasks)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/inbox", InboxAsync).WithSummary("My open tasks by due date / Việc của tôi theo hạn");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One task (ETag: its revision) / Một việc").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/claim", ClaimAsync).WithSummary("Take the task / Nhận việc").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/release", ReleaseAsync).WithSummary("Put the task back / Trả lại việc");
        group.MapPost("/{id:guid}/complete", CompleteAsync).WithSummary("Complete the step with its outputs / Hoàn thành bước")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/request-supplement", RequestSupplementAsync)
            .WithSummary("Ask the applicant for everything missing, at once / Yêu cầu bổ sung hồ sơ");
        group.MapPost("/{id:guid}/refuse", RefuseAsync).WithSummary("Refuse with reasons / Từ chối, nêu rõ lý do");
        group.MapGet("/outcomes", () => TypedResults.Ok(new StepOutcomesDto(StepOutcome.Decision, StepOutcome.Reasons, StepOutcome.Missing,
                StepOutcome.Approve, StepOutcome.Supplement, StepOutcome.Refuse)))
            .WithSummary("The words of a step's outcome (decision, reasons, missing; approve, supplement, refuse) / Từ vựng kết quả bước");
        group.MapGet("/{id:guid}/assignees", AssigneesAsync).RequireAuthorization(StaffRoles.Policies.Lead)
            .WithSummary("Who the task can be given to: active clerks and team leads of its agency or branch / Người có thể nhận việc")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/reassign", ReassignAsync).RequireAuthorization(StaffRoles.Policies.Lead)
            .WithSummary("Give the task to another member of staff (team lead, supervisor) / Giao lại việc");
        return routes;
    }

    private static async Task<Ok<List<TaskDto>>> InboxAsync(TaskViews tasks, CaseViews cases, WorkingCalendar calendar, TimeProvider clock, ClaimsPrincipal user,
        HttpContext http, int? take)
    {
        var inbox = await tasks.InboxAsync(ApiHttp.Caller(user).Scope.Inbox, Math.Clamp(take ?? 100, 1, 500), http.RequestAborted);
        var codes = await cases.BusinessKeysAsync(inbox.Select(t => t.CaseId).Distinct().ToList(), http.RequestAborted);
        return TypedResults.Ok(inbox.Select(t => Dto(t, codes, calendar, clock)).ToList());
    }

    private static async Task<Ok<TaskDto>> GetAsync(Guid id, TaskViews tasks, CaseViews cases, WorkingCalendar calendar, TimeProvider clock, ClaimsPrincipal user,
        HttpContext http)
    {
        var task = await TaskInScopeAsync(id, tasks, user, http, forWork: false);
        http.Response.Headers.ETag = ApiHttp.ETag(task.Revision);
        return TypedResults.Ok(Dto(task, await cases.BusinessKeysAsync([task.CaseId], http.RequestAborted), calendar, clock));
    }

    private static Task<Ok<CommandResultDto>> ClaimAsync(Guid id, TaskClaims claims, ClaimsPrincipal user, HttpContext http) =>
        CheckedCommandAsync(user, http, (caller, key, check) => claims.ClaimTaskAsync(new TaskId(id), caller.UserName, key, http.RequestAborted, check));

    private static Task<Ok<CommandResultDto>> ReleaseAsync(Guid id, TaskClaims claims, ClaimsPrincipal user, HttpContext http) =>
        CheckedCommandAsync(user, http, (caller, key, check) => claims.ReleaseTaskAsync(new TaskId(id), caller.UserName, key, http.RequestAborted, check));

    private static Task<Ok<CommandResultDto>> CompleteAsync(Guid id, CompleteTaskRequest? body, CaseRuntime cases, ClaimsPrincipal user, HttpContext http) =>
        CheckedCommandAsync(user, http, (caller, key, check) => cases.CompleteTaskAsync(new TaskId(id), body?.Outputs, caller.UserName, key, http.RequestAborted, check));

    private static Task<Ok<CommandResultDto>> RequestSupplementAsync(Guid id, RequestSupplementRequest body, CaseRuntime cases, ClaimsPrincipal user,
        HttpContext http)
    {
        var outputs = Outputs((StepOutcome.Decision, StepOutcome.Supplement), (StepOutcome.Missing, Texts(body.Missing, StepOutcome.Missing)));
        return CheckedCommandAsync(user, http, (caller, key, check) => cases.CompleteTaskAsync(new TaskId(id), outputs, caller.UserName, key, http.RequestAborted, check));
    }

    private static Task<Ok<CommandResultDto>> RefuseAsync(Guid id, RefuseRequest body, CaseRuntime cases, ClaimsPrincipal user, HttpContext http)
    {
        var outputs = Outputs((StepOutcome.Decision, StepOutcome.Refuse), (StepOutcome.Reasons, Texts(body.Reasons, StepOutcome.Reasons)));
        return CheckedCommandAsync(user, http, (caller, key, check) => cases.CompleteTaskAsync(new TaskId(id), outputs, caller.UserName, key, http.RequestAborted, check));
    }

    private static async Task<Ok<List<AssigneeDto>>> AssigneesAsync(Guid id, TaskViews tasks, StaffDirectory directory, ClaimsPrincipal user, HttpContext http)
    {
        var task = await TaskInScopeAsync(id, tasks, user, http, forWork: false);
        var staff = await directory.AssignableAsync(task.CandidateGroup, Assignable, http.RequestAborted);
        return TypedResults.Ok(staff
            .Select(u => new AssigneeDto(u.UserName, u.DisplayName, task.CandidateRole is null || StaffMember.ParseJobRoles(u.JobRoles).Contains(task.CandidateRole)))
            .OrderByDescending(a => a.HasStepRole).ThenBy(a => a.DisplayName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))
            .ToList());
    }

    private static async Task<Ok<CommandResultDto>> ReassignAsync(Guid id, ReassignRequest body, TaskViews tasks, StaffDirectory directory, TaskClaims claims,
        ClaimsPrincipal user, HttpContext http)
    {
        var task = await TaskInScopeAsync(id, tasks, user, http, forWork: false);
        ApiHttp.CheckIfMatch(http.Request, task.Revision);
        var assignee = body.Assignee?.Trim();
        var staff = assignee is null or { Length: 0 or > 100 } ? null
            : (await directory.AssignableAsync(task.CandidateGroup, Assignable, http.RequestAborted)).SingleOrDefault(u => u.UserName == assignee);
        if (staff is null)
        {
            throw RuntimeException.Invalid("assignee", "an active clerk or team lead of the task's agency or branch");
        }
        return Result(await claims.ReassignTaskAsync(new TaskId(id), staff.UserName, ApiHttp.Caller(user).UserName, ApiHttp.IdempotencyKey(http.Request), http.RequestAborted));
    }

    /// <summary>Who may be given a task of an agency or branch: its active clerks and team leads.</summary>
    private static readonly string[] Assignable = [StaffRoles.Clerk, StaffRoles.TeamLead];

    /// <summary>
    /// A work command whose scope, job-role and If-Match checks run on the task row the runtime reads anyway: one read
    /// of the task per command, and nothing changes unless the checks pass.
    /// </summary>
    private static async Task<Ok<CommandResultDto>> CheckedCommandAsync(ClaimsPrincipal user, HttpContext http,
        Func<StaffMember, string?, Action<TaskRecord>, Task<CommandOutcome>> command)
    {
        var caller = ApiHttp.Caller(user);
        void Check(TaskRecord task)
        {
            CheckTask(task, caller, forWork: true);
            ApiHttp.CheckIfMatch(http.Request, task.Revision);
        }
        return Result(await command(caller, ApiHttp.IdempotencyKey(http.Request), Check));
    }

    private static Ok<CommandResultDto> Result(CommandOutcome outcome) =>
        TypedResults.Ok(new CommandResultDto(outcome.CaseId.Value, outcome.Status.ToString().ToLowerInvariant(), outcome.Revision, outcome.OpenedTasks.Select(t => t.Value).ToList()));

    private static async Task<TaskRecord> TaskInScopeAsync(Guid id, TaskViews tasks, ClaimsPrincipal user, HttpContext http, bool forWork)
    {
        var task = await tasks.TaskAsync(new TaskId(id), http.RequestAborted);
        CheckTask(task, ApiHttp.Caller(user), forWork);
        return task;
    }

    /// <summary>The task belongs to the caller's agency or branch, and (for work on it) to one of the caller's job roles.</summary>
    private static void CheckTask(TaskRecord task, StaffMember caller, bool forWork)
    {
        ApiHttp.CheckScope(caller, task.CandidateGroup);
        if (forWork && !caller.SeesAllAgencies && task.CandidateRole is { } role && !caller.JobRoles.Contains(role) && task.Assignee != caller.UserName)
        {
            throw new ApiRefusal(StatusCodes.Status403Forbidden, "not-your-role", $"the step is for {role} / bước này dành cho {role}");
        }
    }

    private static TaskDto Dto(TaskRecord t, Dictionary<Guid, string?> codes, WorkingCalendar calendar, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        int? left = t.DueAt is { } due ? calendar.CountWorkingDays(now, new DateTimeOffset(due, TimeSpan.Zero)) : null;
        var urgency = t.DueAt is null ? "normal" : t.DueAt < now.UtcDateTime ? "overdue" : left <= 1 ? "at-risk" : "normal";
        return new TaskDto(t.Id, t.CaseId, codes.GetValueOrDefault(t.CaseId), t.ElementId, t.Name, t.CandidateRole, t.CandidateGroup, t.Level, t.Assignee,
            t.State.ToString().ToLowerInvariant(), t.Form, ApiHttp.Local(calendar, t.DueAt), left, urgency, t.Revision);
    }

    private static List<string> Texts(List<string>? items, string field) =>
        items is { Count: > 0 and <= 100 } list && list.All(i => !string.IsNullOrWhiteSpace(i) && i.Length <= 1000)
            ? list.Select(i => i.Trim()).ToList()
            : throw RuntimeException.Invalid(field, "list 1 to 100 non-empty items of at most 1000 characters");

    private static Dictionary<string, JsonElement> Outputs(params (string Name, object Value)[] values) =>
        values.ToDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value));
}
