using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Server.Hosting;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Workflows;

/// <summary>A problem found in a workflow, in the language the request asked for.</summary>
/// <param name="Code">Stable rule name, e.g. <c>missing-role</c>.</param>
/// <param name="ElementId">The BPMN element, when the problem has one.</param>
/// <param name="Line">Line in the BPMN file.</param>
/// <param name="Reason">Plain-language reason (Vietnamese or English by Accept-Language).</param>
public sealed record WorkflowProblemDto(string Code, string? ElementId, int Line, string Reason);

/// <summary>A workflow file and whether it can run.</summary>
/// <param name="Key">File name without .bpmn; procedures refer to their workflow by it.</param>
/// <param name="File">File name in the workflows folder.</param>
/// <param name="ProcessId">The BPMN process id, when the file could be read.</param>
/// <param name="Name">The process name.</param>
/// <param name="Valid">True when the engine can run it.</param>
/// <param name="Problems">Every problem found; empty when valid.</param>
public sealed record WorkflowSummaryDto(string Key, string File, string? ProcessId, string? Name, bool Valid, IReadOnlyList<WorkflowProblemDto> Problems);

/// <summary>Read-only view of the BPMN files in the workflows folder with their validation status, for staff.</summary>
public static partial class WorkflowsApi
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex KeyPattern();

    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder routes)
    {
        // Staff only: file names, process ids and validation problems tell an outsider how the system is built.
        var group = routes.MapGroup("/api/v1/workflows").WithTags("Workflows").RequireAuthorization(StaffRoles.Policies.Staff);
        group.MapGet("/", List)
            .WithSummary("List the workflows with their validation status / Danh sách quy trình và tình trạng kiểm tra");
        group.MapGet("/{key}", Get)
            .WithSummary("One workflow with every validation problem / Một quy trình và các lỗi kiểm tra")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static Ok<IReadOnlyList<WorkflowSummaryDto>> List(WorkflowDirectory directory, HttpRequest request)
    {
        var language = RequestLanguage.Of(request);
        IReadOnlyList<WorkflowSummaryDto> list = directory.List().Select(f => ToDto(f, language)).ToList();
        return TypedResults.Ok(list);
    }

    private static Results<Ok<WorkflowSummaryDto>, ValidationProblem, ProblemHttpResult> Get(string key, WorkflowDirectory directory, HttpRequest request)
    {
        var language = RequestLanguage.Of(request);
        if (!KeyPattern().IsMatch(key))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["key"] = [language == RequestLanguage.English
                    ? "a workflow key is 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit"
                    : "mã quy trình gồm 1-100 chữ cái, chữ số, '.', '_' hoặc '-', bắt đầu bằng chữ cái hoặc chữ số"],
            });
        }
        var file = directory.Find(key);
        return file is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: language == RequestLanguage.English ? "Workflow not found" : "Không tìm thấy quy trình",
                detail: language == RequestLanguage.English ? $"There is no workflow '{key}'." : $"Không có quy trình '{key}'.")
            : TypedResults.Ok(ToDto(file, language));
    }

    private static WorkflowSummaryDto ToDto(WorkflowFile file, string language) =>
        new(file.Key, file.FileName, file.Definition?.ProcessId, file.Definition?.ProcessName, file.Valid,
            file.Problems.Select(p => new WorkflowProblemDto(p.Code, p.ElementId, p.Line, p.ReasonIn(language))).ToList());
}
