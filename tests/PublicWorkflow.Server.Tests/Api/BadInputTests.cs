using PublicWorkflow.OneStop.Persistence;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// Malformed requests across the endpoints: every one must be answered with a 4xx problem details, never a 5xx, and
/// must leave the database as it was — on SQLite and on PostgreSQL.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class BadInputTests(string provider)
{
    private sealed record Bad(string Who, string Method, string Path, string? Body, string ContentType = "application/json", string? IdempotencyKey = null)
    {
        public override string ToString() => $"{Method} {Path} as {Who ?? "anyone"}: {(Body is { Length: > 80 } b ? b[..80] + "…" : Body)}";
    }

    private const string Reception = "clerk.cn01";
    private const string Agency = "clerk.hoankiem";
    private const string Supervisor = "supervisor";
    private const string Lead = "lead.hoankiem";
    private const string Anyone = "";
    private const string Officer = "officer";

    private static string Receive(string fields) =>
        "{" + fields + "}";

    private const string Valid = "\"procedureCode\":\"1.004873\",\"channel\":\"counter\",\"locality\":\"P.HOANKIEM\",\"delivery\":\"branch\"";
    private const string Person = "\"applicant\":{\"fullName\":\"Lê Văn C\"}";
    private const string Docs = "\"documents\":[{\"id\":\"declaration\"}]";

    private static IEnumerable<Bad> Requests()
    {
        var unknown = Guid.NewGuid();
        // Reception: syntax, types, missing and unknown values, limits.
        foreach (var body in new[]
                 {
                     "", "not json", "[]", "null", "42", "{", "{\"procedureCode\":", "\"text\"",
                     Receive($"{Person},{Docs}"),
                     Receive($"{Valid},{Docs}"),
                     Receive($"{Valid},{Person}"),
                     Receive($"\"procedureCode\":5,{Person},{Docs}"),
                     Receive($"\"procedureCode\":\"9.999999\",\"locality\":\"P.HOANKIEM\",{Person},{Docs}"),
                     Receive($"{Valid},{Person},\"documents\":\"declaration\""),
                     Receive($"{Valid},{Person},\"documents\":[{{\"id\":\"passport\"}}]"),
                     Receive($"{Valid},{Person},\"documents\":[{{\"id\":\"declaration\",\"fromNationalDatabase\":true}}]"),
                     Receive($"{Valid},{Person},\"documents\":[{{\"id\":\"declaration\",\"copies\":0}}]"),
                     Receive($"{Valid},{Person},\"documents\":[{{\"id\":\"declaration\",\"copies\":\"two\"}}]"),
                     Receive($"{Valid},{Person},\"documents\":[{{\"id\":\"declaration\",\"pages\":-3}}]"),
                     Receive($"{Valid},{Person},\"documents\":[{{}}]"),
                     Receive($"{Valid},{Person},\"documents\":[null]"),
                     Receive($"\"procedureCode\":\"1.004873\",\"channel\":\"fax\",\"locality\":\"P.HOANKIEM\",{Person},{Docs}"),
                     Receive($"\"procedureCode\":\"1.004873\",\"delivery\":\"pigeon\",\"locality\":\"P.HOANKIEM\",{Person},{Docs}"),
                     Receive($"\"procedureCode\":\"1.004873\",\"channel\":\"2\",\"locality\":\"P.HOANKIEM\",{Person},{Docs}"),
                     Receive($"\"procedureCode\":\"1.004873\",\"locality\":\"P.NOWHERE\",{Person},{Docs}"),
                     Receive($"\"procedureCode\":\"1.004873\",\"locality\":\"P.HANGBAC.HOANKIEM\",{Person},{Docs}"),
                     Receive($"\"procedureCode\":\"1.004873\",{Person},{Docs}"),
                     Receive($"{Valid},\"branchCode\":\"CN99\",{Person},{Docs}"),
                     Receive($"{Valid},\"branchCode\":\"CN02\",{Person},{Docs}"),
                     Receive($"{Valid},\"applicant\":{{\"fullName\":\"\"}},{Docs}"),
                     Receive($"{Valid},\"applicant\":{{\"fullName\":\"{new string('A', 300)}\"}},{Docs}"),
                     Receive($"{Valid},\"applicant\":{{\"fullName\":\"A\",\"phone\":\"{new string('9', 50)}\"}},{Docs}"),
                     Receive($"{Valid},\"applicant\":\"Lê Văn C\",{Docs}"),
                     Receive($"{Valid},{Person},{Docs},\"copies\":0"),
                     Receive($"{Valid},{Person},{Docs},\"copies\":\"many\""),
                     Receive($"\"procedureCode\":\"1.004873\",\"locality\":\"P.HOANKIEM\",\"delivery\":\"post\",{Person},\"documents\":[{{\"id\":\"declaration\"}}],\"channel\":\"online\",\"branchCode\":\"CN01\",\"copies\":2000"),
                 })
        {
            yield return new Bad(Reception, "POST", "/api/v1/dossiers", body);
        }
        // Refusal to receive: the reasons are required and bounded.
        foreach (var reasons in new[] { "", ",\"reasons\":[]", ",\"reasons\":[\" \"]", ",\"reasons\":\"no\"", ",\"reasons\":[1]",
                     ",\"reasons\":[\"" + new string('r', 400) + "\"]", ",\"reasons\":[" + string.Join(",", Enumerable.Repeat("\"r\"", 11)) + "]" })
        {
            yield return new Bad(Reception, "POST", "/api/v1/dossiers/refusals", Receive($"{Valid},{Person},{Docs}{reasons}"));
        }
        yield return new Bad(Reception, "POST", "/api/v1/dossiers", Receive($"{Valid},{Person},{Docs}"), "text/plain");
        yield return new Bad(Reception, "POST", "/api/v1/dossiers", Receive($"{Valid},{Person},{Docs}"), IdempotencyKey: new string('k', 201));
        yield return new Bad(Reception, "POST", "/api/v1/dossiers", Receive($"{Valid},{Person},{Docs}"), "application/xml");
        yield return new Bad(Reception, "POST", "/api/v1/dossiers", "{\"procedureCode\":\"" + new string('x', 10 * 1024 * 1024) + "\"}");
        yield return new Bad(Reception, "POST", "/api/v1/dossiers", "{\"documents\":[" + string.Join(",", Enumerable.Repeat("{\"id\":\"declaration\"}", 300)) + "]," + Person + "," + Valid + "}");

        // Unknown ids and malformed route values.
        foreach (var path in new[]
                 {
                     $"/api/v1/dossiers/{unknown}", $"/api/v1/dossiers/{unknown}/tracking-sheet", $"/api/v1/dossiers/{unknown}/audit",
                     $"/api/v1/dossiers/{unknown}/papers/receipt", $"/api/v1/dossiers/{unknown}/papers/letter", "/api/v1/dossiers/not-a-guid",
                     "/api/v1/dossiers/by-code/NOPE-000000-0000", $"/api/v1/dossiers/by-code/{new string('X', 100)}", $"/api/v1/tasks/{unknown}",
                     "/api/v1/tasks/12345", "/api/v1/procedures/9.999999", "/api/v1/procedures/%3Cscript%3E",
                 })
        {
            yield return new Bad(Supervisor, "GET", path, null);
        }
        foreach (var (path, body) in new (string, string)[]
                 {
                     ($"/api/v1/dossiers/{unknown}/supplement", "{\"documents\":[{\"id\":\"x\"}]}"),
                     ($"/api/v1/dossiers/{unknown}/payments", "{\"channel\":\"online\"}"),
                     ($"/api/v1/dossiers/{unknown}/withdraw", "{\"reason\":\"x\"}"),
                     ($"/api/v1/dossiers/{unknown}/cancel", "{\"reason\":\"x\"}"),
                     ($"/api/v1/dossiers/{unknown}/apology", "{\"reason\":\"x\",\"newAppointment\":\"2030-01-01T17:00:00+07:00\"}"),
                     ($"/api/v1/dossiers/{unknown}/review", "{}"),
                     ($"/api/v1/dossiers/{unknown}/apology", "{\"reason\":\"x\",\"newAppointment\":\"next week\"}"),
                     ($"/api/v1/dossiers/{unknown}/supplement", "{\"documents\":\"all\"}"),
                     ($"/api/v1/tasks/{unknown}/claim", "{}"),
                     ($"/api/v1/tasks/{unknown}/release", "{}"),
                     ($"/api/v1/tasks/{unknown}/complete", "{\"outputs\":{\"decision\":\"approve\"}}"),
                     ($"/api/v1/tasks/{unknown}/complete", "{\"outputs\":[1,2,3]}"),
                     ($"/api/v1/tasks/{unknown}/complete", "{\"outputs\":\"approve\"}"),
                     ($"/api/v1/tasks/{unknown}/request-supplement", "{\"missing\":[]}"),
                     ($"/api/v1/tasks/{unknown}/request-supplement", "{\"missing\":\"everything\"}"),
                     ($"/api/v1/tasks/{unknown}/refuse", "{}"),
                     ($"/api/v1/tasks/{unknown}/refuse", "{\"reasons\":[1]}"),
                     ($"/api/v1/supervision/alerts/{unknown}/acknowledge", "{}"),
                     ($"/api/v1/supervision/incidents/{unknown}/retry", "{}"),
                     ($"/api/v1/dossiers/{unknown}/supplement-override", "{\"reason\":\"x\"}"),
                     ($"/api/v1/dossiers/{unknown}/supplement-override", "{\"reason\":5}"),
                     ($"/api/v1/dossiers/{unknown}/files?component=declaration", "{}"),
                     ($"/api/v1/dossiers/{unknown}/files/{unknown}/retract", "{\"reason\":\"x\"}"),
                     ($"/api/v1/dossiers/{unknown}/files/{unknown}/retract", "{}"),
                 })
        {
            yield return new Bad(Supervisor, "POST", path, body);
        }
        yield return new Bad(Lead, "GET", $"/api/v1/tasks/{unknown}/assignees", null);
        yield return new Bad(Lead, "GET", "/api/v1/tasks/not-a-guid/assignees", null);
        yield return new Bad(Lead, "POST", $"/api/v1/tasks/{unknown}/reassign", "{\"assignee\":\"clerk.hoankiem\"}");
        yield return new Bad(Lead, "POST", $"/api/v1/tasks/{unknown}/reassign", "{\"assignee\":42}");

        // Lists and measures: bad filters.
        foreach (var query in new[]
                 {
                     "status=bogus", "status=11", "page=0", "pageSize=1000", "pageSize=-1", "dueBefore=tomorrow", "overdue=perhaps", "page=abc",
                     "dueBefore=0001-01-01", "dueBefore=9999-12-31", "dueBefore=1899-12-31",
                 })
        {
            yield return new Bad(Supervisor, "GET", $"/api/v1/dossiers?{query}", null);
        }
        foreach (var query in new[]
                 {
                     "", "from=2026-01-01", "to=2026-01-31", "from=2026-13-01&to=2026-12-31", "from=2026-02-01&to=2026-01-01",
                     "from=2026-01-01&to=2026-01-31&groupBy=planet", "from=2026-01-01&to=2026-01-31&format=pdf", "from=yesterday&to=today",
                     "from=0001-01-01&to=9999-12-31", "from=0001-01-01&to=2026-01-31", "from=2026-01-01&to=9999-12-31",
                 })
        {
            yield return new Bad(Supervisor, "GET", $"/api/v1/supervision/measures?{query}", null);
        }
        yield return new Bad(Supervisor, "GET", "/api/v1/structure/agencies?on=someday", null);
        yield return new Bad(Anyone, "GET", "/api/v1/structure/agencies?on=0001-01-01", null);
        yield return new Bad(Anyone, "GET", "/api/v1/structure/branches?on=9999-12-31", null);
        foreach (var query in new[] { "procedure=9.999999", "locality=P.NOWHERE", "on=someday", "on=0001-01-01", "locality=" + new string('x', 100),
                     "procedure=" + new string('1', 50), "procedure=1.004222&on=2020-01-01" })
        {
            yield return new Bad(Anyone, "GET", $"/api/v1/points?{query}", null);
        }
        foreach (var path in new[] { "/api/v1/public/results", "/api/v1/public/results?number=", "/api/v1/public/results?number=" + new string('1', 200) })
        {
            yield return new Bad(Anyone, "GET", path, null);
        }
        yield return new Bad(Anyone, "POST", "/api/v1/public/results/verify", "{}");
        yield return new Bad(Anyone, "POST", "/api/v1/public/results/verify", "--x\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nno file\r\n--x--\r\n",
            "multipart/form-data; boundary=x");
        foreach (var path in new[] { "/api/v1/citizens/123/offers?procedure=1.014199", "/api/v1/citizens/001190000002/offers", "/api/v1/citizens/001190000002/offers?procedure=9.999999",
                     $"/api/v1/dossiers/{unknown}/files", $"/api/v1/dossiers/{unknown}/files/{unknown}" })
        {
            yield return new Bad(Supervisor, "GET", path, null);
        }
        foreach (var query in new[] { "from=2020-01-01&to=2026-01-01", "from=someday", "to=9999-12-31", "from=2026-02-01&to=2026-01-01" })
        {
            yield return new Bad(Anyone, "GET", $"/api/v1/public/statistics?{query}", null);
        }
        foreach (var query in new[] { "", "unit=CN01", "unit=CN01&from=2026-01-01", "unit=CN01&from=x&to=y", "unit=CN01&from=2024-01-01&to=2026-01-01",
                     "unit=" + new string('U', 100) + "&from=2026-01-01&to=2026-01-02", "unit=CN01&from=2026-02-01&to=2026-01-01" })
        {
            yield return new Bad(Supervisor, "GET", $"/api/v1/dossiers/register?{query}", null);
        }

        // Sign-in.
        foreach (var body in new[]
                 {
                     "", "{}", "{\"userName\":\"clerk.cn01\"}", "{\"password\":\"x\"}", "{\"userName\":\"clerk.cn01\",\"password\":\"wrong\"}",
                     "{\"userName\":\"nobody\",\"password\":\"x\"}", "{\"userName\":5,\"password\":6}", "[\"clerk.cn01\"]",
                     "{\"userName\":\"" + new string('u', 500) + "\",\"password\":\"x\"}",
                 })
        {
            yield return new Bad(Anyone, "POST", "/api/v1/auth/token", body);
        }
        yield return new Bad(Anyone, "POST", "/api/v1/auth/login", "{\"userName\":\"admin\",\"password\":\"\"}");
        foreach (var body in new[] { "", "{}", "{\"refreshToken\":\"\"}", "{\"refreshToken\":\"forged\"}", "{\"refreshToken\":\"" + new string('r', 5000) + "\"}", "[1]" })
        {
            yield return new Bad(Anyone, "POST", "/api/v1/auth/refresh", body);
        }
        foreach (var body in new[] { "", "{}", "{\"currentPassword\":\"wrong\",\"newPassword\":\"long-enough-password\"}",
                     "{\"currentPassword\":\"officer-demo-2026\",\"newPassword\":\"short\"}", "{\"currentPassword\":5}",
                     "{\"currentPassword\":\"officer-demo-2026\",\"newPassword\":\"" + new string('p', 300) + "\"}" })
        {
            yield return new Bad(Officer, "POST", "/api/v1/auth/password", body);
        }

        // Public side: unknown and malformed codes, with and without a key.
        foreach (var code in new[] { "NOPE-260101-0001", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", new string('9', 200), "a%20b", "..%2F..%2Fetc",
                     "NOPE-260101-0001?key=", "NOPE-260101-0001?key=" + new string('K', 500), "NOPE-260101-0001?key=%00%01" })
        {
            yield return new Bad(Anyone, "GET", $"/api/v1/public/dossiers/{code}", null);
        }
        foreach (var body in new[] { "{}", "{\"rating\":0}", "{\"rating\":6}", "{\"rating\":\"five\"}", "{\"rating\":3.5}", "not json",
                     "{\"rating\":4,\"comment\":\"" + new string('c', 3000) + "\"}" })
        {
            yield return new Bad(Anyone, "POST", "/api/v1/public/dossiers/NOPE-260101-0001/rating", body);
        }
        // Workflow design: hostile, broken, empty, mistyped and oversized BPMN; unknown keys and versions.
        foreach (var (path, body, type) in new (string, string, string)[]
                 {
                     ("/api/v1/definitions/hostile/draft", DefinitionsApiTests.BillionLaughs, "application/xml"),
                     ("/api/v1/definitions/hostile/draft", DefinitionsApiTests.ExternalEntity, "application/xml"),
                     ("/api/v1/definitions/hostile/draft", "<definitions>", "application/xml"),
                     ("/api/v1/definitions/hostile/draft", "", "application/xml"),
                     ("/api/v1/definitions/hostile/draft", "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>", "application/json"),
                     ("/api/v1/definitions/Bad Key/draft", "<x/>", "application/xml"),
                     ("/api/v1/definitions/hostile/draft", "<a>" + new string('x', 3 * 1024 * 1024) + "</a>", "application/xml"),
                     ("/api/v1/definitions/hostile/draft", "<html><body>hello</body></html>", "text/xml"),
                     // 40,000 nested sub-processes in 1.9 MB: it used to overflow the parser's stack and kill the server.
                     ("/api/v1/definitions/hostile/draft", """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><process id="P">"""
                         + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"""<subProcess id="p{i}">"""))
                         + string.Concat(Enumerable.Repeat("</subProcess>", 40_000)) + "</process></definitions>", "application/xml"),
                 })
        {
            yield return new Bad(Officer, "PUT", path, body, type);
        }
        yield return new Bad(Officer, "POST", "/api/v1/definitions/validate", "{}", "application/json");
        yield return new Bad(Officer, "POST", "/api/v1/definitions/no-such-workflow/import", "{}");
        yield return new Bad(Officer, "POST", "/api/v1/definitions/Bad Key/import", "{}");
        // Reception by someone who has no reception desk, or for another branch.
        yield return new Bad(Agency, "POST", "/api/v1/dossiers", Receive($"{Valid},{Person},{Docs}"));
        yield return new Bad(Lead, "POST", "/api/v1/dossiers", Receive($"{Valid},\"branchCode\":\"CN01\",{Person},{Docs}"));
        yield return new Bad(Reception, "POST", "/api/v1/dossiers", Receive($"\"procedureCode\":\"1.004873\",\"channel\":\"post\",\"branchCode\":\"CN02\",\"locality\":\"P.HOANKIEM\",{Person},{Docs}"));
        yield return new Bad(Officer, "POST", "/api/v1/definitions/no-such/draft/publish", "{}");
        yield return new Bad(Officer, "GET", "/api/v1/definitions/no-such/draft", null);
        yield return new Bad(Officer, "GET", "/api/v1/definitions/one-stop-standard/versions/99", null);
        yield return new Bad(Officer, "GET", "/api/v1/definitions/one-stop-standard/compare", null);
        yield return new Bad(Officer, "GET", "/api/v1/definitions/one-stop-standard/compare?from=1&to=7", null);
        yield return new Bad(Officer, "GET", "/api/v1/definitions/one-stop-standard/compare?from=one&to=2", null);
        yield return new Bad(Supervisor, "GET", "/api/v1/workflows/..%2Fsecret", null);
        yield return new Bad(Supervisor, "GET", "/api/v1/workflows/no-such-workflow", null);
    }

    [Test]
    public async Task More_than_a_hundred_malformed_requests_each_get_a_4xx_problem_and_change_nothing()
    {
        var requests = Requests().ToList();
        Assert.That(requests, Has.Count.GreaterThanOrEqualTo(100));

        await using var database = await TestDatabase.CreateAsync(provider);
        // The per-client limits would turn the later requests into 429s; each request must meet its own check.
        await using var factory = new ServerFactory(new Dictionary<string, string?>
        {
            ["PublicWorkflow:SignInAttemptsPerMinute"] = "1000",
            ["PublicWorkflow:PublicRequestsPerMinute"] = "1000",
        }, database);
        var clients = new Dictionary<string, ApiClient>();
        foreach (var who in requests.Select(r => r.Who).Distinct())
        {
            clients[who] = await ApiClient.SignInAsync(factory, who.Length == 0 ? null : who);
        }
        var before = await CountsAsync(factory);
        var wrong = new List<string>();
        foreach (var bad in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
            if (bad.Body is not null)
            {
                request.Content = new StringContent(bad.Body, Encoding.UTF8);
                // Parsed, so a content type with parameters (a multipart boundary) is sent as written.
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(bad.ContentType);
            }
            if (bad.IdempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", bad.IdempotencyKey);
            }
            using var response = await clients[bad.Who].Http.SendAsync(request);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or >= 500 || type != "application/problem+json")
            {
                wrong.Add($"{bad}: {status} {type} {await response.Content.ReadAsStringAsync()}");
            }
        }
        Assert.That(wrong, Is.Empty);
        Assert.That(await CountsAsync(factory), Is.EqualTo(before), "nothing was written");
    }

    private static async Task<string> CountsAsync(ServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneStopDbContext>();
        return string.Join(",", await db.Dossiers.CountAsync(), await db.Cases.CountAsync(), await db.Tasks.CountAsync(), await db.Audit.CountAsync(),
            await db.Handovers.CountAsync(), await db.DossierDeadlines.CountAsync(), await db.IdempotencyKeys.CountAsync(), await db.StaffUsers.CountAsync(),
            await db.Definitions.CountAsync(), await db.StaffSessions.CountAsync(),
            string.Join(",", await db.StaffUsers.OrderBy(u => u.UserName).Select(u => u.PasswordHash + u.Active).ToListAsync()));
    }
}
