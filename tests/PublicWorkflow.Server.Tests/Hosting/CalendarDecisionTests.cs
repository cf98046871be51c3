using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Server.Tests.Api;

namespace PublicWorkflow.Server.Tests.Hosting;

/// <summary>
/// An uncertain day of the calendar (24/11/2026, Vietnamese Culture Day, its law unverified) is shown as needing
/// confirmation until an administrator decides, through the API, with its source; appointments follow at once.
/// </summary>
public sealed class CalendarDecisionTests
{
    [Test]
    public async Task An_administrator_makes_an_unconfirmed_holiday_a_working_day_and_appointments_count_it()
    {
        await using var factory = new ServerFactory();
        var anyone = factory.CreateClient();
        Assert.That(await CalendarHealthAsync(anyone), Does.Contain("2026-11-24"));
        // Monday 23/11/2026 + 3 working days, with the 24th off: Friday 27/11.
        Assert.That(await AppointmentAsync(anyone), Is.EqualTo("2026-11-27T17:00:00+07:00"));

        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var days = await clerk.GetJsonAsync("/api/v1/calendar/uncertain");
        Assert.That(days.EnumerateArray().Select(d => d.GetProperty("date").GetString()), Is.SupersetOf(new[] { "2026-11-24", "2027-04-16", "2027-05-03" }));
        Assert.That(days.EnumerateArray().All(d => d.GetProperty("dayOff").ValueKind == JsonValueKind.Null), Is.True, "nothing decided yet");
        await clerk.PostJsonAsync("/api/v1/calendar/uncertain/2026-11-24", new { dayOff = false, reason = "x" }, HttpStatusCode.Forbidden);

        var admin = await ApiClient.SignInAsync(factory, "admin");
        await admin.PostJsonAsync("/api/v1/calendar/uncertain/24-11-2026", new { dayOff = false, reason = "x" }, HttpStatusCode.BadRequest);
        await admin.PostJsonAsync("/api/v1/calendar/uncertain/2026-11-24", new { dayOff = false }, HttpStatusCode.BadRequest);
        await admin.PostJsonAsync("/api/v1/calendar/uncertain/2026-11-25", new { dayOff = false, reason = "x" }, HttpStatusCode.NotFound);
        var decided = await admin.PostJsonAsync("/api/v1/calendar/uncertain/2026-11-24",
            new { dayOff = false, reason = "Nghị quyết 28/2026/QH16 không quy định ngày nghỉ / the resolution sets no day off" });
        Assert.That((decided.GetProperty("dayOff").GetBoolean(), decided.GetProperty("decidedBy").GetString()), Is.EqualTo((false, "admin")));

        Assert.That(await CalendarHealthAsync(anyone), Does.Not.Contain("2026-11-24"));
        Assert.That(factory.Services.GetRequiredService<WorkingCalendar>().IsWorkingDay(new DateOnly(2026, 11, 24)), Is.True);
        Assert.That(await AppointmentAsync(anyone), Is.EqualTo("2026-11-26T17:00:00+07:00"), "the 24th now counts: Thursday 26/11");
    }

    private static async Task<string> AppointmentAsync(HttpClient client)
    {
        var body = JsonDocument.Parse(await client.GetStringAsync("/api/v1/procedures/1.004873/appointment?receivedAt=2026-11-23T10:00")).RootElement;
        return body.GetProperty("appointment").GetString()!;
    }

    private static async Task<string> CalendarHealthAsync(HttpClient client)
    {
        var body = JsonDocument.Parse(await (await client.GetAsync("/health")).Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("checks").GetProperty("calendar").GetProperty("description").GetString()!;
    }
}
