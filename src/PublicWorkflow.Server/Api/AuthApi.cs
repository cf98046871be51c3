using PublicWorkflow.OneStop.Staff;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Api;

/// <summary>Sign-in request.</summary>
/// <param name="UserName">The staff account name, e.g. <c>clerk.cn01</c>.</param>
/// <param name="Password">Its password.</param>
public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>A refresh token from <c>POST auth/token</c>, for a new access token while its session lives.</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>A password change: the current password, and the new one (at least 12 characters, not the user name).</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

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
            .Produces<AccessTokenResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        signIn.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Sign in with a cookie (the web UI) / Đăng nhập (trình duyệt)")
            .Produces(StatusCodes.Status200OK)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        signIn.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("A new access token for a refresh token whose session is still open / Gia hạn mã truy cập")
            .Produces<AccessTokenResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout", LogoutAsync).RequireAuthorization(StaffRoles.Policies.Staff)
            .WithSummary("Sign out: this cookie or token (and its refresh token) stops working / Đăng xuất");
        group.MapPost("/password", ChangePasswordAsync).RequireAuthorization(StaffRoles.Policies.Staff)
            .WithSummary("Change my password; every session of the account ends / Đổi mật khẩu").ProducesValidationProblem();
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
        var signIn = await accounts.SignInAsync(request.UserName!, request.Password!, SecurityComposition.SessionLifetime, http.RequestAborted);
        if (signIn is null)
        {
            // One answer for an unknown name, a wrong password and a locked account: none of them is told apart.
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: ApiText.Of(http, "Sai tên đăng nhập hoặc mật khẩu", "Wrong user name or password"),
                detail: ApiText.Of(http, "Sau nhiều lần nhập sai, tài khoản bị tạm khóa trong ít phút.",
                    "After repeated wrong passwords the account is locked for a few minutes."));
        }
        // The bearer handler writes the token response itself; the cookie handler sets the cookie.
        return TypedResults.SignIn(StaffMember.Principal(signIn, scheme), authenticationScheme: scheme);
    }

    private static async Task<IResult> RefreshAsync(RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, StaffSessions sessions,
        TimeProvider clock, HttpContext http)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 4096)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["the refresh token from POST auth/token is required"] });
        }
        var ticket = bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires < clock.GetUtcNow() || !await sessions.IsActiveAsync(ticket.Principal.FindFirstValue(StaffMember.SessionClaim), ticket.Principal.Identity?.Name, http.RequestAborted))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: ApiText.Of(http, "Phiên đăng nhập đã kết thúc", "The session has ended"));
        }
        return TypedResults.SignIn(ticket.Principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    /// <summary>Ends this session on the server, so a copied token or cookie is useless afterwards, and clears the cookie.</summary>
    private static async Task<NoContent> LogoutAsync(StaffSessions sessions, ClaimsPrincipal user, HttpContext http)
    {
        await sessions.RevokeAsync(user.FindFirstValue(StaffMember.SessionClaim), http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangePasswordAsync(PasswordChangeRequest request, StaffAccounts accounts, ClaimsPrincipal user,
        HttpContext http)
    {
        if (string.IsNullOrEmpty(request.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword) || request.CurrentPassword.Length > 200)
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrEmpty(request.CurrentPassword) || request.CurrentPassword.Length > 200)
            {
                errors["currentPassword"] = [ApiText.Of(http, "mật khẩu hiện tại là bắt buộc", "the current password is required")];
            }
            if (string.IsNullOrEmpty(request.NewPassword))
            {
                errors["newPassword"] = [ApiText.Of(http, "mật khẩu mới là bắt buộc", "the new password is required")];
            }
            return TypedResults.ValidationProblem(errors);
        }
        await accounts.ChangePasswordAsync(StaffMember.From(user).UserName, request.CurrentPassword, request.NewPassword, http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static Ok<MeDto> Me(ClaimsPrincipal user)
    {
        var me = StaffMember.From(user);
        return TypedResults.Ok(new MeDto(me.UserName, user.FindFirstValue(ClaimTypes.GivenName), me.Role, me.AgencyCode, me.Level, me.BranchCode, me.JobRoles));
    }
}
