using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// Every API endpoint against every role and anonymous. The table below is the authorization matrix; an endpoint
/// the host maps without a row here fails the test, so no endpoint is added without deciding who may call it.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private const string Anyone = "anyone";
    private static readonly string[] StaffOnly = StaffRoles.All;
    private static readonly string[] CaseWork = [StaffRoles.Clerk, StaffRoles.TeamLead, StaffRoles.Supervisor];
    private static readonly string[] TaskWork = [StaffRoles.Clerk, StaffRoles.TeamLead, StaffRoles.Supervisor, StaffRoles.SupportAgent];
    private static readonly string[] HubMeasures = [StaffRoles.Supervisor, StaffRoles.SupportAgent];
    private static readonly string[] Leads = [StaffRoles.TeamLead, StaffRoles.Supervisor];
    private static readonly string[] SupervisorOnly = [StaffRoles.Supervisor];
    private static readonly string[] Officers = [StaffRoles.ReformOfficer];
    private const string Citizen = "citizen";
    private static readonly string[] Citizens = [Citizen];

    private static readonly Dictionary<string, string[]> Matrix = new()
    {
        ["POST /api/v1/auth/token"] = [Anyone],
        ["POST /api/v1/auth/login"] = [Anyone],
        ["POST /api/v1/auth/refresh"] = [Anyone],
        ["POST /api/v1/auth/logout"] = StaffOnly,
        ["POST /api/v1/auth/password"] = StaffOnly,
        ["GET /api/v1/auth/me"] = StaffOnly,
        ["GET /api/v1/procedures"] = [Anyone],
        ["GET /api/v1/procedures/{code}"] = [Anyone],
        ["GET /api/v1/procedures/{code}/appointment"] = [Anyone],
        ["GET /api/v1/calendar/uncertain"] = StaffOnly,
        ["POST /api/v1/calendar/uncertain/{date}"] = [StaffRoles.Administrator],
        ["GET /api/v1/structure/agencies"] = [Anyone],
        ["GET /api/v1/structure/branches"] = [Anyone],
        ["GET /api/v1/points"] = [Anyone],
        ["POST /api/v1/dossiers/"] = CaseWork,
        ["POST /api/v1/dossiers/refusals"] = CaseWork,
        ["GET /api/v1/dossiers/register"] = CaseWork,
        ["GET /api/v1/dossiers/"] = CaseWork,
        ["GET /api/v1/dossiers/{id:guid}"] = CaseWork,
        ["GET /api/v1/dossiers/by-code/{code}"] = CaseWork,
        ["GET /api/v1/dossiers/{id:guid}/tracking-sheet"] = CaseWork,
        ["GET /api/v1/dossiers/{id:guid}/audit"] = CaseWork,
        ["GET /api/v1/dossiers/{id:guid}/papers/{kind}"] = CaseWork,
        ["GET /api/v1/dossiers/{id:guid}/diagram"] = CaseWork,
        ["POST /api/v1/dossiers/{id:guid}/review"] = CaseWork,
        ["POST /api/v1/dossiers/{id:guid}/supplement"] = CaseWork,
        ["POST /api/v1/dossiers/{id:guid}/payments"] = CaseWork,
        ["POST /api/v1/dossiers/{id:guid}/withdraw"] = CaseWork,
        ["POST /api/v1/dossiers/{id:guid}/cancel"] = CaseWork,
        ["POST /api/v1/dossiers/{id:guid}/apology"] = CaseWork,
        ["POST /api/v1/dossiers/{id:guid}/supplement-override"] = SupervisorOnly,
        ["POST /api/v1/dossiers/{id:guid}/files/"] = CaseWork,
        ["GET /api/v1/dossiers/{id:guid}/files/"] = CaseWork,
        ["GET /api/v1/dossiers/{id:guid}/files/{fileId:guid}"] = CaseWork,
        ["POST /api/v1/dossiers/{id:guid}/files/{fileId:guid}/retract"] = CaseWork,
        ["GET /api/v1/supervision/file-checks/"] = SupervisorOnly,
        ["GET /api/v1/dossiers/{id:guid}/messages"] = CaseWork,
        ["GET /api/v1/citizens/{idNumber}/offers"] = [StaffRoles.Supervisor],
        ["POST /api/v1/supervision/file-checks/"] = SupervisorOnly,
        ["GET /api/v1/tasks/inbox"] = TaskWork,
        ["GET /api/v1/tasks/outcomes"] = TaskWork,
        ["GET /api/v1/tasks/{id:guid}"] = TaskWork,
        ["POST /api/v1/tasks/{id:guid}/claim"] = TaskWork,
        ["POST /api/v1/tasks/{id:guid}/release"] = TaskWork,
        ["POST /api/v1/tasks/{id:guid}/complete"] = TaskWork,
        ["POST /api/v1/tasks/{id:guid}/request-supplement"] = TaskWork,
        ["POST /api/v1/tasks/{id:guid}/refuse"] = TaskWork,
        ["GET /api/v1/tasks/{id:guid}/assignees"] = Leads,
        ["POST /api/v1/tasks/{id:guid}/reassign"] = Leads,
        ["GET /api/v1/supervision/alerts"] = Leads,
        ["POST /api/v1/supervision/alerts/{id:guid}/acknowledge"] = Leads,
        ["GET /api/v1/supervision/incidents"] = SupervisorOnly,
        ["POST /api/v1/supervision/incidents/{id:guid}/retry"] = SupervisorOnly,
        ["GET /api/v1/supervision/measures"] = [StaffRoles.Supervisor, StaffRoles.ReformOfficer],
        ["GET /api/v1/public/dossiers/{code}"] = [Anyone],
        ["POST /api/v1/public/dossiers/{code}/rating"] = [Anyone],
        ["GET /api/v1/public/statistics"] = [Anyone],
        ["GET /api/v1/public/results"] = [Anyone],
        ["POST /api/v1/public/results/verify"] = [Anyone],
        ["POST /api/v1/definitions/validate"] = Officers,
        ["PUT /api/v1/definitions/{key}/draft"] = Officers,
        ["GET /api/v1/definitions/{key}/draft"] = Officers,
        ["POST /api/v1/definitions/{key}/draft/publish"] = Officers,
        ["POST /api/v1/definitions/{key}/import"] = Officers,
        ["GET /api/v1/definitions/{key}/versions"] = Officers,
        ["GET /api/v1/definitions/{key}/versions/{version:int}"] = Officers,
        ["GET /api/v1/definitions/{key}/compare"] = Officers,
        // The folder's files, process ids and problems are the designers' working material, not public information.
        ["GET /api/v1/workflows/"] = StaffOnly,
        ["GET /api/v1/workflows/{key}"] = StaffOnly,
        ["GET /api/v1/dossiers/{id:guid}/personal-data-access"] = SupervisorOnly,
        ["POST /api/v1/citizen/auth/sign-up"] = [Anyone],
        ["POST /api/v1/citizen/auth/verify"] = [Anyone],
        ["POST /api/v1/citizen/auth/sign-in"] = [Anyone],
        ["POST /api/v1/citizen/auth/reset-request"] = [Anyone],
        ["POST /api/v1/citizen/auth/reset"] = [Anyone],
        ["GET /api/v1/citizen/auth/providers"] = [Anyone],
        ["GET /api/v1/citizen/auth/session"] = [Anyone],
        ["GET /api/v1/citizen/auth/external"] = [Anyone],
        ["POST /api/v1/citizen/auth/sign-out"] = Citizens,
        ["GET /api/v1/citizen/me"] = Citizens,
        ["PUT /api/v1/citizen/me/language"] = Citizens,
        ["GET /api/v1/citizen/data-store"] = Citizens,
        ["POST /api/v1/citizen/dossiers"] = Citizens,
        ["GET /api/v1/citizen/dossiers"] = Citizens,
        ["GET /api/v1/citizen/dossiers/{id:guid}"] = Citizens,
        ["POST /api/v1/citizen/dossiers/{id:guid}/files"] = Citizens,
        ["GET /api/v1/citizen/dossiers/{id:guid}/files/{fileId:guid}"] = Citizens,
        ["GET /api/v1/citizen/dossiers/{id:guid}/papers/{kind}"] = Citizens,
        ["POST /api/v1/citizen/dossiers/{id:guid}/supplement"] = Citizens,
        ["POST /api/v1/citizen/dossiers/{id:guid}/withdraw"] = Citizens,
        ["POST /api/v1/citizen/dossiers/{id:guid}/payment"] = Citizens,
        ["POST /api/v1/citizen/dossiers/{id:guid}/rating"] = Citizens,
        ["POST /api/v1/public/feedback"] = [Anyone],
        ["GET /api/v1/public/feedback"] = [Anyone],
        ["GET /api/v1/public/feedback/{code}"] = [Anyone],
        ["POST /api/v1/public/feedback/{code}/information"] = [Anyone],
        ["POST /api/v1/public/feedback/{code}/attachment"] = [Anyone],
        ["POST /api/v1/public/feedback/{code}/rating"] = [Anyone],
        ["GET /api/v1/public/survey"] = [Anyone],
        ["POST /api/v1/public/dossiers/{code}/survey"] = [Anyone],
        ["GET /api/v1/public/feedback-statistics"] = [Anyone],
        ["POST /api/v1/citizen/feedback/"] = Citizens,
        ["GET /api/v1/citizen/feedback/"] = Citizens,
        ["POST /api/v1/feedback/"] = TaskWork,
        ["GET /api/v1/feedback/"] = TaskWork,
        ["GET /api/v1/feedback/{id:guid}"] = TaskWork,
        ["GET /api/v1/feedback/{id:guid}/attachment"] = TaskWork,
        ["GET /api/v1/feedback-measures"] = HubMeasures,
        ["POST /api/v1/partners/{partner}/feedback"] = [Anyone],
    };

    [Test]
    public async Task Every_endpoint_has_a_row_and_every_role_gets_what_its_row_says()
    {
        await using var factory = new ServerFactory();
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        Assert.That(mapped, Is.EquivalentTo(Matrix.Keys), "every API endpoint needs a row in the authorization matrix, and every row an endpoint");

        var clients = new Dictionary<string, ApiClient> { [Anyone] = await ApiClient.SignInAsync(factory, null) };
        foreach (var (role, account) in ApiClient.AccountOfRole)
        {
            clients[role] = await ApiClient.SignInAsync(factory, account);
        }
        clients[Citizen] = await CitizenAsync(factory);
        var wrong = new List<string>();
        // Signing out really ends each client's session: it goes last.
        foreach (var (endpoint, allowed) in Matrix.OrderBy(e => e.Key.EndsWith("/logout", StringComparison.Ordinal) || e.Key.EndsWith("/sign-out", StringComparison.Ordinal)))
        {
            foreach (var (who, client) in clients)
            {
                var status = await CallAsync(client, endpoint);
                var mayCall = allowed.Contains(Anyone) || allowed.Contains(who);
                var denied = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                var expected = mayCall ? "not 401/403" : "401 for a stranger, 403 otherwise";
                // Staff and citizens sign in apart: to the other side's endpoints a signed-in caller is a stranger (401).
                var stranger = who == Anyone || (who == Citizen) != endpoint.Contains("/api/v1/citizen/", StringComparison.Ordinal);
                var ok = mayCall ? !denied || (endpoint.Contains("/auth/") && status == HttpStatusCode.Unauthorized)
                    : status == (stranger ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
                if (!ok)
                {
                    wrong.Add($"{endpoint} as {who}: {(int)status}, expected {expected}");
                }
            }
        }
        Assert.That(wrong, Is.Empty);
    }

    /// <summary>A citizen signed up and verified, with the citizen cookie.</summary>
    private static async Task<ApiClient> CitizenAsync(ServerFactory factory)
    {
        var client = new ApiClient(factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true }));
        await client.PostJsonAsync("/api/v1/citizen/auth/sign-up", new { contact = "matrix@example.vn", password = "mat-khau-dai", fullName = "Ma Trận" },
            HttpStatusCode.Accepted);
        await using var scope = factory.Services.CreateAsyncScope();
        var body = scope.ServiceProvider.GetRequiredService<PublicWorkflow.OneStop.Persistence.OneStopDbContext>().Messages.Single(m => m.Address == "matrix@example.vn").Body;
        await client.PostJsonAsync("/api/v1/citizen/auth/verify", new { contact = "matrix@example.vn", code = System.Text.RegularExpressions.Regex.Match(body, @"\b\d{6}\b").Value });
        return client;
    }

    /// <summary>Calls the endpoint with placeholder route values and an empty JSON object as body.</summary>
    private static async Task<HttpStatusCode> CallAsync(ApiClient client, string endpoint)
    {
        var (method, pattern) = (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);
        var path = pattern.Replace("{id:guid}", Guid.NewGuid().ToString()).Replace("{fileId:guid}", Guid.NewGuid().ToString()).Replace("{idNumber}", "001190000002").Replace("{code}", "UB.X-260101-0001").Replace("{kind}", "receipt")
            .Replace("{key}", "birth-registration").Replace("{partner}", "ihanoi").Replace("{version:int}", "1");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            // Workflow design takes the BPMN file itself as the body.
            request.Content = pattern.StartsWith("/api/v1/definitions", StringComparison.Ordinal)
                ? new StringContent("<definitions/>", Encoding.UTF8, "application/xml")
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }
        using var response = await client.Http.SendAsync(request);
        return response.StatusCode;
    }
}
