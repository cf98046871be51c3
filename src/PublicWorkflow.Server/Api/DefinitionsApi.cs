using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Engine.Validation;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Server.Hosting;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Api;

/// <summary>A problem of a workflow: the element, the line and the reason.</summary>
/// <param name="Severity">"error" (the version cannot be published) or "warning" (it can; the officer should look).</param>
public sealed record DefinitionProblemDto(string Code, string? ElementId, int Line, string Reason, string Severity = "error");

/// <summary>A saved draft and what is still wrong with it.</summary>
public sealed record DraftDto(string Key, DateTimeOffset? SavedAt, bool Valid, IReadOnlyList<DefinitionProblemDto> Problems);

/// <summary>A version of a workflow (version 0 is the draft).</summary>
/// <param name="Origin">Where a version not made in the designer came from, e.g. "imported from workflows/x.bpmn, superseding version 2".</param>
public sealed record DefinitionVersionDto(string Key, int Version, string Status, string? Name, string ContentHash, string? By, DateTimeOffset? At, string? Origin);

/// <summary>What an explicit import of the workflows file did.</summary>
/// <param name="Supersedes">The version the imported file replaced (null when the key had none, or the file was already serving).</param>
public sealed record ImportedDto(string Key, string File, int Version, bool Created, int? Supersedes);

/// <summary>The version a publish made (or the one it found unchanged).</summary>
public sealed record PublishedDto(string Key, int Version, bool Created);

/// <summary>
/// Reform officers' workflow design: drafts from BPMN XML (the body is the XML itself), validation with element,
/// line and reason, publishing as the next version, versions and their XML, and the comparison of two versions.
/// </summary>
public static class DefinitionsApi
{
    private const string Xml = "application/xml";

    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/definitions").WithTags("Workflow definitions").RequireAuthorization(StaffRoles.Policies.Design)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/validate", (Func<DefinitionStore, HttpContext, Task<Ok<List<DefinitionProblemDto>>>>)ValidateAsync).Accepts<string>(Xml, "text/xml")
            .WithSummary("Validate BPMN XML without saving it / Kiểm tra tệp BPMN").ProducesValidationProblem();
        group.MapPut("/{key}/draft", SaveDraftAsync).Accepts<string>(Xml, "text/xml")
            .WithSummary("Create or replace the draft from BPMN XML; its problems come back / Lưu bản nháp").ProducesValidationProblem();
        group.MapGet("/{key}/draft", DraftXmlAsync).WithSummary("The draft's XML / Bản nháp").Produces<string>(StatusCodes.Status200OK, Xml);
        group.MapPost("/{key}/draft/publish", PublishAsync)
            .WithSummary("Publish the draft as the next version (it must be valid) / Ban hành phiên bản mới").ProducesValidationProblem();
        group.MapPost("/{key}/import", ImportAsync)
            .WithSummary("Publish the workflows folder's file of this key as the next version, superseding the current one / Nhập lại tệp quy trình")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{key}/versions", VersionsAsync).WithSummary("Versions, newest first, and the draft / Các phiên bản");
        group.MapGet("/{key}/versions/{version:int}", VersionXmlAsync).WithSummary("One version's XML / Tệp BPMN của một phiên bản")
            .Produces<string>(StatusCodes.Status200OK, Xml);
        group.MapGet("/{key}/compare", CompareAsync)
            .WithSummary("Compare two versions: steps, decision paths, hand-offs between levels, total time limit / So sánh hai phiên bản").ProducesValidationProblem();
        return routes;
    }

    private static async Task<Ok<List<DefinitionProblemDto>>> ValidateAsync(DefinitionStore store, HttpContext http) =>
        TypedResults.Ok(Problems(store.Validate(await BodyAsync(http)), http));

    private static async Task<Ok<DraftDto>> SaveDraftAsync(string key, DefinitionStore store, WorkingCalendar calendar, ClaimsPrincipal user, HttpContext http)
    {
        var outcome = await store.SaveDraftAsync(key, await BodyAsync(http), ApiHttp.Caller(user).UserName, http.RequestAborted);
        return TypedResults.Ok(new DraftDto(outcome.Key, ApiHttp.Local(calendar, outcome.SavedAt), outcome.Problems.All(p => p.IsWarning), Problems(outcome.Problems, http)));
    }

    private static async Task<ContentHttpResult> DraftXmlAsync(string key, DefinitionStore store, HttpContext http) =>
        TypedResults.Content((await store.VersionAsync(key, 0, http.RequestAborted)).BpmnXml, Xml, Encoding.UTF8);

    private static async Task<Created<PublishedDto>> PublishAsync(string key, DefinitionStore store, ClaimsPrincipal user, HttpContext http)
    {
        var outcome = await store.PublishDraftAsync(key, ApiHttp.Caller(user).UserName, http.RequestAborted);
        return TypedResults.Created($"/api/v1/definitions/{key}/versions/{outcome.Version}", new PublishedDto(outcome.Key, outcome.Version, outcome.Created));
    }

    /// <summary>An officer brings a workflows file back over a designer's version: the answer says which version it superseded.</summary>
    private static async Task<Ok<ImportedDto>> ImportAsync(string key, ProcedureCatalog catalog, CatalogImport import, WorkflowImportReport report,
        ClaimsPrincipal user, HttpContext http)
    {
        var path = catalog.WorkflowFiles.GetValueOrDefault(key) ?? throw RuntimeException.NotFound("workflow file of the catalog", key);
        var outcome = await import.ImportAsync(key, path, ApiHttp.Caller(user).UserName, explicitly: true, http.RequestAborted);
        report.Record([outcome]);
        return TypedResults.Ok(new ImportedDto(outcome.Key, outcome.File, outcome.Version!.Value, outcome.Created, outcome.Supersedes));
    }

    private static async Task<Ok<List<DefinitionVersionDto>>> VersionsAsync(string key, DefinitionStore store, WorkingCalendar calendar, HttpContext http) =>
        TypedResults.Ok((await store.VersionsAsync(key, http.RequestAborted)).Select(d => new DefinitionVersionDto(d.Key, d.Version,
            d.Status.ToString().ToLowerInvariant(), d.ProcessName, d.ContentHash, d.PublishedBy,
            ApiHttp.Local(calendar, d.Status == DefinitionStatus.Draft ? d.CreatedAt : d.PublishedAt), d.Origin)).ToList());

    private static async Task<ContentHttpResult> VersionXmlAsync(string key, int version, DefinitionStore store, HttpContext http) =>
        TypedResults.Content((await store.VersionAsync(key, version, http.RequestAborted)).BpmnXml, Xml, Encoding.UTF8);

    private static async Task<Ok<VersionComparison>> CompareAsync(string key, int? from, int? to, VersionComparisons comparisons, HttpContext http) =>
        from is null || to is null
            ? throw RuntimeException.Invalid(from is null ? "from" : "to", "the two versions to compare, e.g. ?from=1&to=2")
            : TypedResults.Ok(await comparisons.CompareAsync(key, from.Value, to.Value, http.RequestAborted));

    /// <summary>The BPMN text of the body; it must be XML, non-empty and within the size limit.</summary>
    private static async Task<string> BodyAsync(HttpContext http)
    {
        var type = http.Request.ContentType ?? "";
        if (!(type.StartsWith(Xml, StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/xml", StringComparison.OrdinalIgnoreCase)))
        {
            throw RuntimeException.Invalid("body", "send the BPMN file itself with Content-Type application/xml");
        }
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        return text.Trim().Length == 0 ? throw RuntimeException.Invalid("body", "the BPMN file is empty") : text;
    }

    private static List<DefinitionProblemDto> Problems(IReadOnlyList<Problem> problems, HttpContext http) =>
        problems.Select(p => new DefinitionProblemDto(p.Code, p.ElementId, p.Line, p.ReasonIn(RequestLanguage.Of(http.Request)),
            p.IsWarning ? "warning" : "error")).ToList();
}
