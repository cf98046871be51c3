using System.Net;
using System.Text.Json;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>Anyone may ask when a dossier of a procedure received at a given moment is due, by the rule reception uses.</summary>
public sealed class AppointmentApiTests
{
    [Test]
    public async Task The_appointment_follows_the_procedure_rule_in_Vietnam_time_and_says_what_is_unverified()
    {
        await using var factory = new ServerFactory();
        var anyone = factory.CreateClient();

        var marital = await Json(anyone, "/api/v1/procedures/1.004873/appointment?receivedAt=2026-12-07T15:30");
        Assert.That(marital.GetProperty("appointment").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2026, 12, 10, 17, 0, 0, TimeSpan.FromHours(7))));
        Assert.That(marital.GetProperty("appointment").GetString(), Does.EndWith("+07:00"));
        Assert.That((marital.GetProperty("amount").GetDecimal(), marital.GetProperty("unit").GetString()), Is.EqualTo((3m, "workingDays")));

        var copy = await Json(anyone, "/api/v1/procedures/2.000815/appointment?receivedAt=" + Uri.EscapeDataString("2026-12-07T15:30:00+07:00"));
        Assert.That(copy.GetProperty("appointment").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2026, 12, 8, 17, 0, 0, TimeSpan.FromHours(7))));
        Assert.That((copy.GetProperty("sameDayCutoff").GetString(), copy.GetProperty("verified").GetBoolean()), Is.EqualTo(("15:00", false)),
            "the cut-off's source is not verified: the answer says so");

        var detail = await Json(anyone, "/api/v1/procedures/2.000815");
        var limit = detail.GetProperty("timeLimits")[0];
        Assert.That((limit.GetProperty("sameDayCutoff").GetString(), limit.GetProperty("sameDayCutoffVerified").GetBoolean()), Is.EqualTo(("15:00", false)));
    }

    [TestCase("/api/v1/procedures/1.004873/appointment", "receivedAt")]
    [TestCase("/api/v1/procedures/1.004873/appointment?receivedAt=tomorrow", "receivedAt")]
    [TestCase("/api/v1/procedures/1.004873/appointment?receivedAt=1800-01-01T10:00", "receivedAt")]
    public async Task A_missing_or_bad_receipt_time_is_a_field_error(string path, string field)
    {
        await using var factory = new ServerFactory();
        var response = await factory.CreateClient().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, body);
    }

    [Test]
    public async Task An_unknown_procedure_is_not_found()
    {
        await using var factory = new ServerFactory();
        var response = await factory.CreateClient().GetAsync("/api/v1/procedures/9.999999/appointment?receivedAt=2026-12-07T15:30");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static async Task<JsonElement> Json(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement;
    }
}
