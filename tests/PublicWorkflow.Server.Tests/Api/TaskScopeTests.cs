using PublicWorkflow.OneStop.Staff;
using PublicWorkflow.OneStop.Persistence;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// A clerk and a team lead of another agency and branch, holding every job role the steps ask for: only the scope check
/// stands between them and another agency's tasks. Each task command must refuse them (403) and change nothing.
/// </summary>
public sealed class TaskScopeTests
{
    private const string AllRoles = "reception-clerk,specialist,agency-leader,document-clerk,civil-status-officer,business-registration-officer,"
        + "construction-officer,commune-chairman";

    [Test]
    public async Task Every_task_command_of_a_clerk_of_another_agency_is_refused_and_changes_nothing()
    {
        await using var factory = new ServerFactory();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            await accounts.CreateAsync("clerk.elsewhere", "Clerk elsewhere", "elsewhere-password-2026", StaffRoles.Clerk, "UB.P.BADINH", "commune", "CN02", AllRoles, default);
            await accounts.CreateAsync("lead.elsewhere", "Lead elsewhere", "elsewhere-password-2026", StaffRoles.TeamLead, "UB.P.BADINH", "commune", "CN02", AllRoles, default);
        }
        var branch = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await branch.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.004873", locality = "P.HOANKIEM", applicant = new { fullName = "Mai Văn Khánh" }, documents = new[] { new { id = "declaration" } },
        }, HttpStatusCode.Created);
        var digitize = received.GetProperty("openedTasks")[0].GetString();
        var second = await branch.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.004873", locality = "P.HOANKIEM", applicant = new { fullName = "Mai Văn Lâm" }, documents = new[] { new { id = "declaration" } },
        }, HttpStatusCode.Created);
        var appraise = (await branch.PostJsonAsync($"/api/v1/tasks/{second.GetProperty("openedTasks")[0].GetString()}/complete", new { }))
            .GetProperty("openedTasks")[0].GetString();
        var ward = await ApiClient.SignInAsync(factory, "clerk.hoankiem");
        await ward.PostJsonAsync($"/api/v1/tasks/{appraise}/claim", null);

        var clerk = await SignInAsync(factory, "clerk.elsewhere");
        var lead = await SignInAsync(factory, "lead.elsewhere");
        var attempts = new (ApiClient Who, string Method, string Path, object? Body)[]
        {
            (clerk, "GET", $"/api/v1/tasks/{appraise}", null),
            (clerk, "POST", $"/api/v1/tasks/{appraise}/claim", null),
            (clerk, "POST", $"/api/v1/tasks/{appraise}/release", null),
            (clerk, "POST", $"/api/v1/tasks/{appraise}/complete", new { outputs = new { decision = "approve" } }),
            (clerk, "POST", $"/api/v1/tasks/{appraise}/request-supplement", new { missing = new[] { "Tờ khai" } }),
            (clerk, "POST", $"/api/v1/tasks/{appraise}/refuse", new { reasons = new[] { "Không đủ điều kiện" } }),
            (lead, "GET", $"/api/v1/tasks/{appraise}/assignees", null),
            (lead, "POST", $"/api/v1/tasks/{appraise}/reassign", new { assignee = "lead.hoankiem" }),
            (clerk, "GET", $"/api/v1/tasks/{digitize}", null),
            (clerk, "POST", $"/api/v1/tasks/{digitize}/claim", null),
            (clerk, "POST", $"/api/v1/tasks/{digitize}/complete", new { }),
            (lead, "POST", $"/api/v1/tasks/{digitize}/reassign", new { assignee = "clerk.cn01" }),
        };
        var before = await SnapshotAsync(factory);
        var wrong = new List<string>();
        foreach (var (who, method, path, body) in attempts)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
            using var response = await who.Http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{method} {path[(path.LastIndexOf('/') + 1)..]}: {(int)response.StatusCode}");
            }
        }
        Assert.That(wrong, Is.Empty, "every command of another agency's clerk or lead is refused");
        Assert.That(await SnapshotAsync(factory), Is.EqualTo(before), "nothing changed");
        var inbox = await clerk.GetJsonAsync("/api/v1/tasks/inbox");
        Assert.That(inbox.GetArrayLength(), Is.Zero, "another agency's tasks are not in the inbox either");
    }

    private static async Task<ApiClient> SignInAsync(ServerFactory factory, string user)
    {
        var client = new ApiClient(factory.CreateClient());
        var token = await client.PostJsonAsync("/api/v1/auth/token", new { userName = user, password = "elsewhere-password-2026" });
        client.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<string> SnapshotAsync(ServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneStopDbContext>();
        var tasks = await db.Tasks.AsNoTracking().OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.State}:{t.Assignee}:{t.Revision}").ToListAsync();
        return string.Join(";", tasks) + $"|audit={await db.Audit.CountAsync()}|cases={string.Join(",", await db.Cases.Select(c => c.Revision).ToListAsync())}";
    }
}
