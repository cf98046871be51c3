using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Tests.Support;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// Issue 14 through HTTP: a scan streamed in as multipart, refused when it is not a clean file, viewed and downloaded by
/// staff in scope (audited), never by others; the signed result verified by number and by file on the public side.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class ElectronicDossierApiTests(string provider) : ApiSuite(provider)
{
    private ApiClient reception = null!;
    private ApiClient ward = null!;
    private ApiClient anyone = null!;

    [SetUp]
    public async Task SignInAsync()
    {
        reception = await ApiClient.SignInAsync(factory, "clerk.cn01");
        ward = await ApiClient.SignInAsync(factory, "clerk.hoankiem");
        anyone = await ApiClient.SignInAsync(factory, null);
    }

    [Test]
    public async Task A_scan_goes_in_as_multipart_comes_back_whole_and_a_bad_file_is_a_clear_4xx()
    {
        var (id, _) = await ReceiveAsync();
        var pdf = OneStopSamples.Pdf("Tờ khai");
        var traversal = await UploadAsync(reception, id, "declaration", "..\\..\\windows\\Tờ khai.pdf", pdf, HttpStatusCode.BadRequest);
        Assert.That(traversal.GetProperty("errors").TryGetProperty("file", out _), Is.True, "a name holding a path is refused");
        var kept = await UploadAsync(reception, id, "declaration", "Tờ khai.pdf", pdf, HttpStatusCode.Created);
        Assert.That(kept.GetProperty("fileName").GetString(), Is.EqualTo("Tờ khai.pdf"));
        var list = await reception.GetJsonAsync($"/api/v1/dossiers/{id}/files");
        Assert.That((list.GetProperty("digitized").GetBoolean(), list.GetProperty("missing").GetArrayLength()), Is.EqualTo((true, 0)));

        var fileId = kept.GetProperty("id").GetString();
        var viewed = await ward.Http.GetAsync($"/api/v1/dossiers/{id}/files/{fileId}");
        Assert.That(viewed.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(await viewed.Content.ReadAsByteArrayAsync(), Is.EqualTo(pdf), "the resolving agency views the scan");
        Assert.That(viewed.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
        var downloaded = await reception.Http.GetAsync($"/api/v1/dossiers/{id}/files/{fileId}?download=true");
        Assert.That(downloaded.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        var other = await ApiClient.SignInAsync(factory, "lead.hoankiem");
        await other.GetJsonAsync($"/api/v1/dossiers/{id}/files", HttpStatusCode.OK);

        foreach (var (name, bytes, status, field) in new (string, byte[], HttpStatusCode, string)[]
                 {
                     ("setup.pdf", [(byte)'M', (byte)'Z', 0x90, 0, .. new byte[4000]], HttpStatusCode.BadRequest, "file"),
                     ("empty.pdf", [], HttpStatusCode.BadRequest, "file"),
                     ("photo.jpg", [0xFF, 0xD8, 0xFF, 0xD9, .. "PK\u0003\u0004 PK\u0005\u0006\0\0"u8.ToArray()], HttpStatusCode.BadRequest, "file"),
                     ("big.pdf", [.. pdf, .. new byte[30 * 1024 * 1024]], HttpStatusCode.RequestEntityTooLarge, "file"),
                 })
        {
            var refused = await UploadAsync(reception, id, "declaration", name, bytes, status);
            Assert.That(refused.GetProperty("status").GetInt32(), Is.EqualTo((int)status), name);
        }
        var noComponent = await UploadAsync(reception, id, "passport", "p.pdf", pdf, HttpStatusCode.BadRequest);
        Assert.That(noComponent.GetProperty("errors").TryGetProperty("component", out _), Is.True);
        var notMultipart = await reception.PostJsonAsync($"/api/v1/dossiers/{id}/files?component=declaration", new { }, HttpStatusCode.BadRequest);
        Assert.That(notMultipart.GetProperty("errors").TryGetProperty("file", out _), Is.True);
        Assert.That((await reception.GetJsonAsync($"/api/v1/dossiers/{id}/files")).GetProperty("files").GetArrayLength(), Is.EqualTo(1), "nothing else kept");

        var retracted = await reception.PostJsonAsync($"/api/v1/dossiers/{id}/files/{fileId}/retract", new { reason = "Quét nhầm" });
        Assert.That(retracted.GetProperty("retractionReason").GetString(), Is.EqualTo("Quét nhầm"));
        Assert.That((await reception.GetJsonAsync($"/api/v1/dossiers/{id}/files")).GetProperty("digitized").GetBoolean(), Is.False);
    }

    [Test]
    public async Task A_granted_dossier_s_signed_result_verifies_publicly_by_number_and_file_with_no_personal_data()
    {
        var (id, code) = await ReceiveAsync();
        foreach (var (client, step, outputs) in new (ApiClient, string, object?)[]
                 {
                     (reception, "Task_Digitize", null), (ward, "Task_Appraise", new { decision = "approve" }), (ward, "Task_Decide", null),
                 })
        {
            await client.PostJsonAsync($"/api/v1/tasks/{await TaskAsync(client, step, code)}/complete", new { outputs });
        }
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublicWorkflow.OneStop.Results.ElectronicResults>().RunDueAsync(DateTimeOffset.UtcNow);
        }
        var files = await reception.GetJsonAsync($"/api/v1/dossiers/{id}/files");
        var result = files.GetProperty("result");
        var number = result.GetProperty("number").GetString()!;
        Assert.That(result.GetProperty("signerName").GetString(), Is.EqualTo("Chuyên viên UBND phường Hoàn Kiếm"));
        var pdf = await reception.Http.GetByteArrayAsync($"/api/v1/dossiers/{id}/files/{result.GetProperty("fileId").GetString()}?download=true");

        var byNumber = await anyone.GetJsonAsync($"/api/v1/public/results?number={Uri.EscapeDataString(number)}");
        Assert.That((byNumber.GetProperty("status").GetString(), byNumber.GetProperty("agency").GetString()), Is.EqualTo(("valid", "UBND Phường Hoàn Kiếm")));
        var byFile = await UploadAsync(anyone, null, null, "ket-qua.pdf", pdf, HttpStatusCode.OK);
        Assert.That(byFile.GetProperty("status").GetString(), Is.EqualTo("valid"));
        Assert.That(byFile.GetRawText(), Does.Not.Contain("Trần Thị Bình").And.Not.Contain("001190000002"), "no personal data");
        pdf[pdf.Length / 3] ^= 0x20;
        Assert.That((await UploadAsync(anyone, null, null, "ket-qua.pdf", pdf, HttpStatusCode.OK)).GetProperty("status").GetString(), Is.AnyOf("altered", "unknown"));
        Assert.That((await anyone.GetJsonAsync("/api/v1/public/results?number=00001/2099/KQ-NOPE")).GetProperty("status").GetString(), Is.EqualTo("unknown"));
        await anyone.GetJsonAsync($"/api/v1/public/results?number={new string('9', 100)}", HttpStatusCode.BadRequest);

        var supervisor = await ApiClient.SignInAsync(factory, "supervisor");
        var messages = await reception.GetJsonAsync($"/api/v1/dossiers/{id}/messages");
        Assert.That(messages.GetArrayLength(), Is.Zero, "the applicant gave no e-mail or phone: nothing to send");
        var check = await supervisor.PostJsonAsync("/api/v1/supervision/file-checks", null);
        Assert.That((check.GetProperty("missing").GetInt32(), check.GetProperty("altered").GetInt32()), Is.EqualTo((0, 0)));
    }

    private async Task<(string Id, string Code)> ReceiveAsync()
    {
        var received = await reception.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.004873", channel = "counter", locality = "P.HOANKIEM", delivery = "branch",
            applicant = new { fullName = "Trần Thị Bình", idNumber = "001190000002" }, documents = new[] { new { id = "declaration" } },
        }, HttpStatusCode.Created);
        return (received.GetProperty("dossierId").GetString()!, received.GetProperty("code").GetString()!);
    }

    /// <summary>A multipart upload: to a dossier's component, or (no dossier) to the public verification.</summary>
    private static async Task<JsonElement> UploadAsync(ApiClient client, string? dossierId, string? component, string fileName, byte[] bytes, HttpStatusCode expected)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", fileName);
        var path = dossierId is null ? "/api/v1/public/results/verify" : $"/api/v1/dossiers/{dossierId}/files?component={component}";
        using var response = await client.Http.PostAsync(path, form);
        return await ApiClient.ReadAsync(response, expected, $"POST {path}");
    }

    private static async Task<string> TaskAsync(ApiClient client, string element, string code)
    {
        var inbox = await client.GetJsonAsync("/api/v1/tasks/inbox");
        return inbox.EnumerateArray().Single(t => t.GetProperty("elementId").GetString() == element && t.GetProperty("dossierCode").GetString() == code)
            .GetProperty("id").GetString()!;
    }
}
