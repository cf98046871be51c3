using PublicWorkflow.OneStop.Persistence;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// Every channel's dossier belongs to a real receiving branch whose staff can see it and take its branch steps; only a
/// branch's reception clerks (or the supervisor, naming the branch) receive.
/// </summary>
public sealed class ReceptionChannelTests
{
    private static object Body(string channel, string? branchCode = null) => new
    {
        procedureCode = "1.004873",
        channel,
        branchCode,
        locality = "P.HOANKIEM",
        applicant = new { fullName = "Vũ Thị Giang" },
        documents = new[] { new { id = "declaration" } },
    };

    /// <summary>Back-office entry: the clerk dates a paper dossier received earlier; too far back, or online, is a field error.</summary>
    [Test]
    public async Task A_clerk_may_date_a_paper_dossier_a_few_working_days_back_and_no_further()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var yesterday = DateTimeOffset.UtcNow.AddHours(-20);
        var dated = await clerk.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.004873", channel = "post", locality = "P.HOANKIEM", applicant = new { fullName = "Vũ Thị Giang" },
            documents = new[] { new { id = "declaration" } }, receivedAt = yesterday,
        }, HttpStatusCode.Created);
        Assert.That(dated.GetProperty("status").GetInt32(), Is.EqualTo(2));
        foreach (var (channel, receivedAt) in new[] { ("counter", DateTimeOffset.UtcNow.AddDays(-30)), ("online", yesterday), ("counter", DateTimeOffset.UtcNow.AddDays(1)) })
        {
            var refused = await clerk.PostJsonAsync("/api/v1/dossiers", new
            {
                procedureCode = "1.004873", channel, locality = "P.HOANKIEM", applicant = new { fullName = "Vũ Thị Giang" },
                documents = new[] { new { id = "declaration" } }, receivedAt,
            }, HttpStatusCode.BadRequest);
            Assert.That(refused.GetProperty("errors").TryGetProperty("receivedAt", out _), Is.True, $"{channel} {receivedAt:O}");
        }
    }

    [TestCase("counter")]
    [TestCase("post")]
    public async Task A_branch_clerk_receiving_by_any_channel_can_open_the_dossier_its_receipt_and_its_first_step(string channel)
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", Body(channel), HttpStatusCode.Created);
        var id = received.GetProperty("dossierId").GetString();
        var dossier = await clerk.GetJsonAsync($"/api/v1/dossiers/{id}");
        Assert.That(dossier.GetProperty("branchCode").GetString(), Is.EqualTo("CN01"));
        Assert.That((await clerk.Http.GetAsync($"/api/v1/dossiers/{id}/papers/receipt")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var task = received.GetProperty("openedTasks")[0].GetString();
        await clerk.GetJsonAsync($"/api/v1/tasks/{task}");
        await clerk.PostJsonAsync($"/api/v1/tasks/{task}/claim", null);
        var inbox = await clerk.GetJsonAsync("/api/v1/tasks/inbox");
        Assert.That(inbox.EnumerateArray().Select(t => t.GetProperty("id").GetString()), Does.Contain(task));
    }

    [Test]
    public async Task An_online_filing_belongs_to_the_branch_that_reviews_it_and_another_agency_cannot_review_it()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var submitted = await clerk.PostJsonAsync("/api/v1/dossiers", Body("online"), HttpStatusCode.Created);
        var id = submitted.GetProperty("dossierId").GetString();
        var ward = await ApiClient.SignInAsync(factory, "clerk.hoankiem");
        await ward.PostJsonAsync($"/api/v1/dossiers/{id}/review", null, HttpStatusCode.Forbidden);
        var reviewed = await clerk.PostJsonAsync($"/api/v1/dossiers/{id}/review", null);
        var task = reviewed.GetProperty("openedTasks")[0].GetString();
        await clerk.PostJsonAsync($"/api/v1/tasks/{task}/claim", null);
    }

    [TestCase("counter")]
    [TestCase("post")]
    [TestCase("online")]
    public async Task A_commune_clerk_without_a_reception_desk_cannot_receive_for_anyone_and_nothing_is_written(string channel)
    {
        await using var factory = new ServerFactory();
        var ward = await ApiClient.SignInAsync(factory, "clerk.hoankiem");
        var lead = await ApiClient.SignInAsync(factory, "lead.hoankiem");
        await ward.PostJsonAsync("/api/v1/dossiers", Body(channel), HttpStatusCode.Forbidden);
        await ward.PostJsonAsync("/api/v1/dossiers", Body(channel, "CN01"), HttpStatusCode.Forbidden);
        await lead.PostJsonAsync("/api/v1/dossiers", Body(channel, "CN01"), HttpStatusCode.Forbidden);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<OneStopDbContext>().Dossiers.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_clerk_cannot_receive_for_another_branch_and_the_supervisor_names_the_branch()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var other = await clerk.PostJsonAsync("/api/v1/dossiers", Body("post", "CN02"), HttpStatusCode.BadRequest);
        Assert.That(other.GetProperty("errors").TryGetProperty("branchCode", out _), Is.True);
        var supervisor = await ApiClient.SignInAsync(factory, "supervisor");
        await supervisor.PostJsonAsync("/api/v1/dossiers", Body("post"), HttpStatusCode.BadRequest);
        var named = await supervisor.PostJsonAsync("/api/v1/dossiers", Body("post", "CN01"), HttpStatusCode.Created);
        var task = named.GetProperty("openedTasks")[0].GetString();
        await clerk.GetJsonAsync($"/api/v1/tasks/{task}");
    }
}
