using PublicWorkflow.OneStop.Persistence;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// Every command that creates something honours Idempotency-Key: a client that retries after a lost answer gets the
/// first answer, not a second dossier, payment or rating.
/// </summary>
public sealed class IdempotentCreationTests
{
    private static object Body(string channel = "counter", string name = "Phạm Văn Cường") => new
    {
        procedureCode = "1.004873",
        channel,
        locality = "P.HOANKIEM",
        applicant = new { fullName = name },
        documents = new[] { new { id = "declaration" } },
    };

    [TestCase("counter")]
    [TestCase("online")]
    [TestCase("post")]
    public async Task A_reception_retried_with_its_key_returns_the_first_dossier_and_creates_no_second(string channel)
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var first = await clerk.PostJsonAsync("/api/v1/dossiers", Body(channel), HttpStatusCode.Created, idempotencyKey: "reception-1");
        var again = await clerk.PostJsonAsync("/api/v1/dossiers", Body(channel), HttpStatusCode.Created, idempotencyKey: "reception-1");
        Assert.That(again.GetProperty("dossierId").GetString(), Is.EqualTo(first.GetProperty("dossierId").GetString()));
        Assert.That(again.GetProperty("code").ToString(), Is.EqualTo(first.GetProperty("code").ToString()));
        Assert.That(again.GetProperty("openedTasks").ToString(), Is.EqualTo(first.GetProperty("openedTasks").ToString()));
        Assert.That(await DossiersAsync(factory), Is.EqualTo(1));

        var reused = await clerk.PostJsonAsync("/api/v1/dossiers", Body(channel, "Người khác"), HttpStatusCode.BadRequest, idempotencyKey: "reception-1");
        Assert.That(reused.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), Is.True, reused.ToString());
        await clerk.PostJsonAsync("/api/v1/dossiers", Body(channel), HttpStatusCode.Created, idempotencyKey: "reception-2");
        await clerk.PostJsonAsync("/api/v1/dossiers", Body(channel), HttpStatusCode.Created);
        Assert.That(await DossiersAsync(factory), Is.EqualTo(3));
    }

    [Test]
    public async Task Concurrent_retries_of_one_reception_make_one_dossier()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            clerk.PostJsonAsync("/api/v1/dossiers", Body(), HttpStatusCode.Created, idempotencyKey: "burst")));
        Assert.That(answers.Select(a => a.GetProperty("dossierId").GetString()).Distinct().Count(), Is.EqualTo(1));
        Assert.That(await DossiersAsync(factory), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_key_from_another_clerk_is_their_own_request()
    {
        await using var factory = new ServerFactory();
        var branch = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var supervisor = await ApiClient.SignInAsync(factory, "supervisor");
        var mine = await branch.PostJsonAsync("/api/v1/dossiers", Body(), HttpStatusCode.Created, idempotencyKey: "k");
        var theirs = await supervisor.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.004873", channel = "post", branchCode = "CN01", locality = "P.HOANKIEM", applicant = new { fullName = "Phạm Văn Cường" },
            documents = new[] { new { id = "declaration" } },
        }, HttpStatusCode.Created, idempotencyKey: "k");
        Assert.That(theirs.GetProperty("dossierId").GetString(), Is.Not.EqualTo(mine.GetProperty("dossierId").GetString()));
    }

    [Test]
    public async Task A_payment_retried_with_its_key_is_answered_as_the_first_even_with_the_old_If_Match()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.004222", locality = "P.HOANKIEM", applicant = new { fullName = "Đỗ Thị Em" },
            documents = new[] { new { id = "ct01" }, new { id = "accommodation-proof" } },
        }, HttpStatusCode.Created);
        var id = received.GetProperty("dossierId").GetString();
        var revision = (await clerk.Http.GetAsync($"/api/v1/dossiers/{id}")).Headers.ETag!.Tag;
        var paid = await clerk.PostJsonAsync($"/api/v1/dossiers/{id}/payments", new { channel = "counter" }, idempotencyKey: "pay-1", ifMatch: revision);
        var again = await clerk.PostJsonAsync($"/api/v1/dossiers/{id}/payments", new { channel = "counter" }, idempotencyKey: "pay-1", ifMatch: revision);
        Assert.That(again.GetProperty("feePaidAt").GetString(), Is.EqualTo(paid.GetProperty("feePaidAt").GetString()));
        await clerk.PostJsonAsync($"/api/v1/dossiers/{id}/payments", new { channel = "counter" }, HttpStatusCode.Conflict, idempotencyKey: "pay-2");
    }

    private static async Task<int> DossiersAsync(ServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OneStopDbContext>().Dossiers.CountAsync();
    }
}
