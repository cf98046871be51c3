using System.Net;
using System.Text;

namespace PublicWorkflow.IdentityStandIn;

/// <summary>The stand-in's pages: plain, accessible forms in Vietnamese and English, flagged as a stand-in on every view.</summary>
internal static class StandInPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
        .flag{background:#fff3cd;border:1px solid #8a6d00;padding:.6rem;border-radius:.3rem}
        label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.6rem;font-size:1rem;box-sizing:border-box}
        button{margin-top:1.2rem;padding:.7rem 1.2rem;font-size:1rem;background:#a50e0e;color:#fff;border:0;border-radius:.3rem}
        :focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}.error{color:#8b0000;font-weight:600}
        """;

    private const string Flag = "<p class=\"flag\" role=\"note\"><strong>Trang giả lập VNeID — không phải VNeID thật.</strong> Chỉ dùng để phát triển và kiểm thử; số định danh là số bịa. / "
        + "<strong>A VNeID stand-in, not the real VNeID.</strong> For development and tests only; the ID numbers are made up.</p>";

    public static string SignIn(IEnumerable<(string Name, string Value)> parameters, bool failed)
    {
        var hidden = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            hidden.Append($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode(value)}\">");
        }
        var error = failed ? "<p class=\"error\" role=\"alert\">Số định danh hoặc mật khẩu không đúng / Wrong ID number or password</p>" : "";
        return $"""
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>Đăng nhập định danh (giả lập) / Identity sign-in (stand-in)</title><style>{Style}</style></head><body><main>
            <h1>Đăng nhập bằng định danh điện tử / Sign in with your electronic identity</h1>{Flag}{error}
            <form method="post" action="/connect/authorize">{hidden}
            <label for="pid">Số định danh cá nhân / Personal ID number</label>
            <input id="pid" name="standin_personal_id" inputmode="numeric" autocomplete="username" required maxlength="12">
            <label for="pw">Mật khẩu / Password</label>
            <input id="pw" name="standin_password" type="password" autocomplete="current-password" required maxlength="200">
            <button type="submit">Đăng nhập / Sign in</button></form></main></body></html>
            """;
    }

    public static string About() => $"""
        <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>VNeID stand-in</title><style>{Style}</style></head><body><main>
        <h1>Nhà cung cấp định danh giả lập / Identity provider stand-in</h1>{Flag}
        <p>OpenID Connect: <a href="/.well-known/openid-configuration">/.well-known/openid-configuration</a></p></main></body></html>
        """;
}
