using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PublicWorkflow.Server.Hosting;

/// <summary>
/// Completes each operation in Swagger: the problem responses it can give (from its route, method and policy) and an
/// example body for the commands people try first.
/// </summary>
internal sealed class ApiDocumentation : IOperationFilter
{
    private static readonly Dictionary<string, JsonNode> Examples = new()
    {
        ["POST /api/v1/dossiers/"] = JsonNode.Parse("""
            {"procedureCode":"1.004873","channel":"counter","locality":"P.HOANKIEM","delivery":"branch",
             "applicant":{"fullName":"Nguyễn Văn An","idNumber":"001090000001","phone":"0912345678"},
             "documents":[{"id":"declaration"}]}
            """)!,
        ["POST /api/v1/auth/token"] = JsonNode.Parse("""{"userName":"clerk.cn01","password":"clerk-demo-2026"}""")!,
        ["POST /api/v1/auth/login"] = JsonNode.Parse("""{"userName":"supervisor","password":"supervisor-demo-2026"}""")!,
        ["POST /api/v1/tasks/{id}/complete"] = JsonNode.Parse("""{"outputs":{"decision":"approve"}}""")!,
        ["POST /api/v1/tasks/{id}/request-supplement"] = JsonNode.Parse("""{"missing":["Bản sao quyết định ly hôn / A copy of the divorce decision"]}""")!,
        ["POST /api/v1/tasks/{id}/refuse"] = JsonNode.Parse("""{"reasons":["Đang có đăng ký kết hôn chưa chấm dứt / An earlier marriage is still registered"]}""")!,
        ["POST /api/v1/tasks/{id}/reassign"] = JsonNode.Parse("""{"assignee":"clerk.hoankiem"}""")!,
        ["POST /api/v1/dossiers/{id}/supplement"] = JsonNode.Parse("""{"documents":[{"id":"divorce-proof"}]}""")!,
        ["POST /api/v1/dossiers/{id}/payments"] = JsonNode.Parse("""{"channel":"online"}""")!,
        ["POST /api/v1/dossiers/{id}/withdraw"] = JsonNode.Parse("""{"reason":"Công dân không còn nhu cầu / No longer needed"}""")!,
        ["POST /api/v1/dossiers/{id}/cancel"] = JsonNode.Parse("""{"reason":"Quá hạn bổ sung hồ sơ / The supplement never came"}""")!,
        ["POST /api/v1/dossiers/{id}/apology"] = JsonNode.Parse("""{"reason":"Chờ xác minh / Awaiting verification","newAppointment":"2026-12-10T17:00:00+07:00"}""")!,
        ["POST /api/v1/public/dossiers/{code}/rating"] = JsonNode.Parse("""{"rating":5,"comment":"Nhanh, tận tình"}""")!,
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var description = context.ApiDescription;
        var path = "/" + description.RelativePath?.Split('?')[0].Replace(":guid", "").Replace(":int", "");
        var method = description.HttpMethod ?? "GET";
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Responses ??= new OpenApiResponses();
        void Problem(int status, string text)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse { Description = text };
            }
        }
        if (secured)
        {
            Problem(401, "Not signed in / Chưa đăng nhập");
            Problem(403, "Not allowed for this role, agency or branch / Không có quyền");
        }
        if (method is "POST" or "PUT" || description.ParameterDescriptions.Any(p => p.Source.Id == "Query"))
        {
            Problem(400, "Invalid input: problem details with the field at fault / Dữ liệu không hợp lệ");
        }
        if (path.Contains('{'))
        {
            Problem(404, "No such record / Không tìm thấy");
        }
        if (method is "POST" or "PUT" && path.Contains('{'))
        {
            Problem(409, "Conflict with a change made first / Xung đột với thay đổi khác");
            Problem(412, "If-Match names an older revision / Bản ghi đã thay đổi");
            Problem(422, "Not allowed in the record's state / Trạng thái không cho phép");
        }
        if (method is "POST" or "PUT")
        {
            Problem(413, "Body over 2 MB / Dữ liệu quá lớn");
        }
        if (Examples.TryGetValue($"{method} {path.TrimEnd('/')}", out var example) || Examples.TryGetValue($"{method} {path}", out example))
        {
            if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var json) && json is OpenApiMediaType media)
            {
                media.Example = example.DeepClone();
            }
        }
    }
}
