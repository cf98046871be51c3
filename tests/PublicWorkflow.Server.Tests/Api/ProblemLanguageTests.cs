using System.Net;
using System.Text.Json;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>Problem titles speak the request's language, the framework's own titles included.</summary>
public sealed class ProblemLanguageTests
{
    [TestCase("/api/v1/dossiers?page=0", "vi", "Dữ liệu không hợp lệ")]
    [TestCase("/api/v1/dossiers?page=0", "en", "One or more validation errors occurred.")]
    [TestCase("/api/v1/tasks/not-a-guid", "vi", "Không tìm thấy")]
    [TestCase("/api/v1/supervision/incidents", "vi", "Không có quyền")]
    public async Task A_problem_title_is_in_the_requested_language(string path, string language, string title)
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        clerk.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await clerk.Http.GetAsync(path);
        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("title").GetString(), Is.EqualTo(title), body);
    }
}
