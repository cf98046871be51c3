using System.Net;
using System.Net.Http.Json;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Server.Tests.Hosting;

/// <summary>Two nodes on one database: with a shared key ring a staff cookie issued by one is accepted by the other; without, it is not.</summary>
public sealed class SeveralNodesTests
{
    [Test]
    public async Task A_cookie_issued_by_one_node_works_on_another_sharing_the_key_ring()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var keys = Path.Combine(Path.GetTempPath(), $"pwf-keys-{Guid.NewGuid():N}");
        try
        {
            var shared = new Dictionary<string, string?> { ["PublicWorkflow:DataProtectionKeysFolder"] = keys };
            await using var first = new ServerFactory(shared, database);
            await using var second = new ServerFactory(shared, database);
            await using var stranger = new ServerFactory(database: database);
            var login = await first.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "supervisor", password = "supervisor-demo-2026" });
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var cookie = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];

            Assert.That(await MeAsync(second, cookie), Is.EqualTo(HttpStatusCode.OK), "the same key ring: the other node reads the cookie");
            Assert.That(await MeAsync(stranger, cookie), Is.EqualTo(HttpStatusCode.Unauthorized), "its own keys: the cookie means nothing there");
        }
        finally
        {
            if (Directory.Exists(keys))
            {
                Directory.Delete(keys, recursive: true);
            }
        }
    }

    private static async Task<HttpStatusCode> MeAsync(ServerFactory node, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Add("Cookie", cookie);
        return (await node.CreateClient().SendAsync(request)).StatusCode;
    }
}
