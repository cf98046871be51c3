using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Api;

/// <summary>Sign-in request.</summary>
/// <param name="UserName">The staff account name, e.g. <c>clerk.cn01</c>.</param>
/// <param name="Password">Its password.</param>
public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>The signed-in member of staff.</summary>
public sealed record MeDto(string UserName, string? DisplayName, string Role, string? AgencyCode, string? Level, string? BranchCode, IReadOnlyList<string> JobRoles);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/auth").WithTags("Sign-in");
        var signIn = group.MapGroup("").RequireRateLimiting(Hosting.RateLimits.SignIn).ProducesProblem(StatusCodes.Status429TooManyRequests);
        signIn.MapPost("/token", TokenAsync).AllowAnonymous()
            .WithSummary("Sign in for a bearer token (API clients) / Đăng nhập lấy mã truy cập")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        signIn.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Sign in with a cookie (the web UI) / Đăng nhập (trình duyệt)")
            .Produces(StatusCodes.Status200OK)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout", (Func<HttpContext, Task<NoContent>>)LogoutAsync).RequireAuthorization(StaffRoles.Policies.Staff)
            .WithSummary("Sign out / Đăng xuất");
        group.MapGet("/me", Me).RequireAuthorization(StaffRoles.Policies.Staff)
            .WithSummary("Who is signed in / Người đang đăng nhập");
        return routes;
    }

    private static async Task<IResult> TokenAsync(LoginRequest request, StaffAccounts accounts, HttpContext http) =>
        await SignInAsync(request, accounts, http, BearerTokenDefaults.AuthenticationScheme);

    private static async Task<IResult> LoginAsync(LoginRequest request, StaffAccounts accounts, HttpContext http) =>
        await SignInAsync(request, accounts, http, CookieAuthenticationDefaults.AuthenticationScheme);

    private static async Task<IResult> SignInAsync(LoginRequest request, StaffAccounts accounts, HttpContext http, string scheme)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 100)
        {
            errors["userName"] = [ApiText.Of(http, "tên đăng nhập là bắt buộc (tối đa 100 ký tự)", "the user name is required (at most 100 characters)")];
        }
        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 200)
        {
            errors["password"] = [ApiText.Of(http, "mật khẩu là bắt buộc", "the password is required")];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var principal = await accounts.SignInAsync(request.UserName!, request.Password!, scheme, http.RequestAborted);
        if (principal is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: ApiText.Of(http, "Sai tên đăng nhập hoặc mật khẩu", "Wrong user name or password"));
        }
        // The bearer handler writes the token response itself; the cookie handler sets the cookie.
        return TypedResults.SignIn(principal, authenticationScheme: scheme);
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static Ok<MeDto> Me(ClaimsPrincipal user)
    {
        var me = StaffMember.From(user);
        return TypedResults.Ok(new MeDto(me.UserName, user.FindFirstValue(ClaimTypes.GivenName), me.Role, me.AgencyCode, me.Level, me.BranchCode, me.JobRoles));
    }
}
