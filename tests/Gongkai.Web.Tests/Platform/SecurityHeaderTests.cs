using System.Net;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gongkai.Tests.Platform;

/// <summary>
/// The headers on every kind of response, HSTS and Secure cookies over HTTPS, and forwarded headers believed only from
/// the configured proxies. (No Server header: Kestrel's own, checked in the browser smoke test.)
/// </summary>
public class SecurityHeaderTests
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    [InlineData("/health", HttpStatusCode.OK)]
    [InlineData("/api/applications", HttpStatusCode.Unauthorized)]
    [InlineData("/work", HttpStatusCode.Redirect)]
    public async Task Every_response_carries_the_security_headers(string url, HttpStatusCode status)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.ShouldBe(status);
        Header(response, "Content-Security-Policy").ShouldBe(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Referrer-Policy").ShouldBe("same-origin");
        Header(response, "Permissions-Policy").ShouldBe("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("not over plain HTTP");
    }

    [Fact]
    public async Task Over_https_the_response_asks_for_https_from_now_on_and_every_cookie_is_secure()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://gongkai.example.gov.cn"), AllowAutoRedirect = false });

        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        var login = await client.LoginAsync("handler");
        var textSize = await client.PostFormAsync("/", [new("size", "large"), new("returnUrl", "/")], "/preferences/text-size");

        Header(home, "Strict-Transport-Security").ShouldBe("max-age=31536000");
        var cookies = Cookies(home).Concat(Cookies(login)).Concat(Cookies(textSize)).ToList();
        cookies.Select(c => c.Split('=')[0]).Distinct().ShouldBe(["gongkai.antiforgery", ".AspNetCore.Mvc.CookieTempDataProvider", "gongkai.session", "gk-text"], ignoreOrder: true);
        cookies.ShouldAllBe(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Over_http_cookies_are_not_marked_secure()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateBrowserClient();

        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        var login = await client.LoginAsync("handler");

        var cookies = Cookies(home).Concat(Cookies(login)).ToList();
        cookies.Select(c => c.Split('=')[0]).ShouldBe(["gongkai.antiforgery", ".AspNetCore.Mvc.CookieTempDataProvider", "gongkai.session"], ignoreOrder: true);
        cookies.ShouldAllBe(c => !c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_forwarded_scheme_and_client_address_are_believed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5";
        using var viaProxy = Client(app, "10.0.0.5");
        using var direct = Client(app, "203.0.113.9");

        var proxied = await FailToSignInAsync(viaProxy, "198.51.100.7");
        var spoofed = await FailToSignInAsync(direct, "198.51.100.8");

        Header(proxied, "Strict-Transport-Security").ShouldBe("max-age=31536000");
        Cookies(proxied).Single(c => c.StartsWith("gongkai.antiforgery=", StringComparison.Ordinal)).ShouldContain("; secure", Case.Insensitive);
        spoofed.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("a client that is not the proxy cannot claim HTTPS");
        Cookies(spoofed).Single(c => c.StartsWith("gongkai.antiforgery=", StringComparison.Ordinal)).ShouldNotContain("; secure", Case.Insensitive);
        (await AddressesAsync(app)).ShouldBe(["198.51.100.7", "203.0.113.9"], ignoreOrder: true);
    }

    [Fact]
    public async Task Without_a_configured_proxy_forwarded_headers_are_ignored()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = Client(app, "10.0.0.5");

        var response = await FailToSignInAsync(client, "198.51.100.7");

        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        (await AddressesAsync(app)).ShouldBe(["10.0.0.5"], "a client cannot choose the address the sign-in throttle counts");
    }

    [Fact]
    public void A_proxy_address_that_is_not_an_address_stops_the_start_with_a_clear_error()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33" })
            .Build();
        using var provider = new ServiceCollection().AddReverseProxy(configuration).BuildServiceProvider();

        var error = Should.Throw<InvalidOperationException>(() => provider.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value);
        error.Message.ShouldBe("配置项 ForwardedHeaders:KnownNetworks 中的“10.0.0.0/33”不是 CIDR 网段（例如 10.0.0.0/8）。");
    }

    private static HttpClient Client(GongkaiApp app, string address)
    {
        // Cookies are carried by hand: a cookie store would (rightly) not send a Secure cookie over the plain HTTP
        // between the proxy and the app.
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://gongkai.example.gov.cn"), AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(GongkaiApp.ClientAddressHeader, address);
        return client;
    }

    /// <summary>
    /// Opens the sign-in page (whose response sets the antiforgery cookie, returned here) and fails to sign in (which
    /// records the client address), both with forwarded headers saying HTTPS and a client address.
    /// </summary>
    private static async Task<HttpResponseMessage> FailToSignInAsync(HttpClient client, string forwardedFor)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var page = await client.GetAsync(new Uri("/accounts/login", UriKind.Relative));
        var form = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/accounts/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("UserName", "handler"), new("Password", "wrong-password-1"), new("__RequestVerificationToken", form.AntiforgeryToken())]),
        };
        request.Headers.Add("Cookie", string.Join("; ", Cookies(page).Select(c => c.Split(';')[0])));
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return page;
    }

    private static Task<List<string>> AddressesAsync(GongkaiApp app) => ApplicantCases.QueryAsync(app, db => db.SignInFailures.Select(f => f.Address).ToListAsync());

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new ShouldAssertException($"no {name} header");

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
