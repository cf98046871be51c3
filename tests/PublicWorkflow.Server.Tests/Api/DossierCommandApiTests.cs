using System.Net;
using System.Text.Json;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>The remaining dossier and task commands over HTTP: online review, payment, apology, release, the audit's actor.</summary>
public sealed class DossierCommandApiTests
{
    [Test]
    public async Task An_online_filing_is_submitted_then_reviewed_into_an_accepted_dossier()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var submitted = await clerk.PostJsonAsync("/api/v1/dossiers", Body("1.004873", "online", "declaration"), HttpStatusCode.Created);
        Assert.That((submitted.GetProperty("status").GetInt32(), submitted.GetProperty("code").ValueKind), Is.EqualTo((1, JsonValueKind.Null)));
        var reviewed = await clerk.PostJsonAsync($"/api/v1/dossiers/{submitted.GetProperty("dossierId").GetString()}/review", null);
        Assert.That(reviewed.GetProperty("status").GetInt32(), Is.EqualTo(2));
        Assert.That(reviewed.GetProperty("code").GetString(), Does.StartWith("UB.P.HOANKIEM-"));
        await clerk.PostJsonAsync($"/api/v1/dossiers/{submitted.GetProperty("dossierId").GetString()}/review", null, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Payment_and_apology_are_recorded_once_and_the_audit_names_who_acted()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", Body("1.004222", "counter", "ct01", "accommodation-proof"), HttpStatusCode.Created);
        var id = received.GetProperty("dossierId").GetString();
        var supervisor = await ApiClient.SignInAsync(factory, "supervisor");

        var paid = await supervisor.PostJsonAsync($"/api/v1/dossiers/{id}/payments", new { channel = "online" });
        Assert.That((paid.GetProperty("paymentChannel").GetString(), paid.GetProperty("fee").GetDecimal()), Is.EqualTo(("online", 20000m)));
        await supervisor.PostJsonAsync($"/api/v1/dossiers/{id}/payments", new { channel = "online" }, HttpStatusCode.Conflict);

        var later = DateTimeOffset.Parse(received.GetProperty("appointment").GetString()!).AddDays(7);
        var apologized = await supervisor.PostJsonAsync($"/api/v1/dossiers/{id}/apology", new { reason = "Chờ xác minh", newAppointment = later });
        Assert.That(apologized.GetProperty("appointmentBeforeApology").GetString(), Is.EqualTo(received.GetProperty("appointment").GetString()));
        await supervisor.PostJsonAsync($"/api/v1/dossiers/{id}/apology", new { reason = "lại", newAppointment = later.AddDays(1) }, HttpStatusCode.Conflict);

        var task = received.GetProperty("openedTasks")[0].GetString();
        await clerk.PostJsonAsync($"/api/v1/tasks/{task}/claim", null);
        await clerk.PostJsonAsync($"/api/v1/tasks/{task}/release", null);
        var released = await clerk.GetJsonAsync($"/api/v1/tasks/{task}");
        Assert.That((released.GetProperty("state").GetString(), released.GetProperty("assignee").ValueKind), Is.EqualTo(("open", JsonValueKind.Null)));

        var audit = await supervisor.GetJsonAsync($"/api/v1/dossiers/{id}/audit");
        var actors = audit.EnumerateArray().Select(a => (a.GetProperty("kind").GetString(), a.GetProperty("actor").GetString())).ToList();
        Assert.That(actors, Does.Contain(("task-claimed", "clerk.cn01")).And.Contain(("dossier-apology", "supervisor")));
        Assert.That((await supervisor.GetJsonAsync("/api/v1/supervision/incidents")).ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That((await supervisor.GetJsonAsync("/api/v1/supervision/alerts")).ValueKind, Is.EqualTo(JsonValueKind.Array));
    }

    [TestCase("9999-12-31T17:00:00+07:00")]
    [TestCase("9990-01-01T17:00:00+07:00")]
    [TestCase("0001-01-01T00:00:00+00:00")]
    [TestCase("2020-01-01T17:00:00+07:00")]
    public async Task An_apology_to_an_absurd_or_earlier_date_is_a_field_error_and_changes_nothing(string newAppointment)
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", Body("1.004873", "counter", "declaration"), HttpStatusCode.Created);
        var id = received.GetProperty("dossierId").GetString();
        var supervisor = await ApiClient.SignInAsync(factory, "supervisor");

        var refused = await supervisor.PostJsonAsync($"/api/v1/dossiers/{id}/apology", new { reason = "Chờ xác minh", newAppointment }, HttpStatusCode.BadRequest);
        Assert.That(refused.GetProperty("errors").TryGetProperty("newAppointment", out _), Is.True, refused.ToString());
        var dossier = await supervisor.GetJsonAsync($"/api/v1/dossiers/{id}");
        Assert.That(dossier.GetProperty("appointment").GetString(), Is.EqualTo(received.GetProperty("appointment").GetString()));
        Assert.That(dossier.GetProperty("apologizedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var tracked = await (await ApiClient.SignInAsync(factory, null)).GetJsonAsync(
            $"/api/v1/public/dossiers/{received.GetProperty("code").GetString()}?key={received.GetProperty("lookupKey").GetString()}");
        Assert.That(tracked.GetProperty("appointment").GetString(), Is.EqualTo(received.GetProperty("appointment").GetString()));
    }

    [Test]
    public async Task An_apology_more_than_a_year_away_is_refused()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", Body("1.004873", "counter", "declaration"), HttpStatusCode.Created);
        var id = received.GetProperty("dossierId").GetString();
        var supervisor = await ApiClient.SignInAsync(factory, "supervisor");
        var appointment = DateTimeOffset.Parse(received.GetProperty("appointment").GetString()!);
        await supervisor.PostJsonAsync($"/api/v1/dossiers/{id}/apology", new { reason = "x", newAppointment = DateTimeOffset.UtcNow.AddDays(400) }, HttpStatusCode.BadRequest);
        await supervisor.PostJsonAsync($"/api/v1/dossiers/{id}/apology", new { reason = "x", newAppointment = appointment.AddDays(30) });
    }

    private static object Body(string procedure, string channel, params string[] documents) => new
    {
        procedureCode = procedure,
        channel,
        locality = "P.HOANKIEM",
        applicant = new { fullName = "Hoàng Văn D", idNumber = "001090000004" },
        documents = documents.Select(d => new { id = d, fromNationalDatabase = d == "accommodation-proof" }),
    };
}
