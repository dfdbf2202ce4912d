using System.Diagnostics;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Xunit.Abstractions;

namespace Gongkai.Tests.Platform;

/// <summary>
/// Every route the app maps (read from its endpoint data source), as every role, with the objects of the role's own
/// agency, of another agency, of another county and ids that exist nowhere; GET, and POST with and without an
/// antiforgery token; then hostile values in every query and form input the route binds. No answer may be a 500, a
/// form post without a token must be refused, another agency's objects are not shown, and every response carries the
/// security headers.
/// </summary>
public class RouteWalkTests(ITestOutputHelper output)
{
    /// <summary>Values that are wrong for some input of most routes: types, ranges, dates, sizes, encodings, markup, redirects. URL-encoded.</summary>
    private static readonly string[] Hostile =
    [
        "abc", "-1", "0", "99999999999999999999", "2147483647", "-2147483648", "1e308",
        "2024-02-30", "9999-12-31", "0001-01-01", Uri.EscapeDataString(new string('长', 1000)),
        "%00%01%1A%3Cscript%3Ealert(1)%3C%2Fscript%3E%27%22", "%ED%A0%80", "%2F%5Cevil.example", "%2F%09%2Fevil.example",
    ];

    private static readonly string[] SecurityHeaders = ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-Frame-Options"];

    /// <summary>Pages whose purpose is an error status: they never answer 2xx.</summary>
    private static readonly string[] ErrorPages = ["/error/{code:int?}", "/Accounts/Denied"];

    [Fact]
    public async Task Every_route_as_every_role_answers_without_a_500_refuses_forms_without_a_token_and_sends_the_security_headers()
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);

        // PDF letters are converted by LibreOffice in seconds each (tested in the letter tests); here the walk meets
        // the "not installed" answer instead.
        app.Settings["Letters:LibreOffice"] = "/nonexistent/soffice";
        var samples = await RouteSamples.LoadAsync(app);
        var calls = await RouteCatalogue.ReadAsync(app.Services);
        var walk = new Walk(app, samples);

        // Reads first, for every role, while every sample object still exists; then the posts (which delete letters,
        // lock accounts, sign out), the roles that change least first. Signing in and out come last for each role.
        var visitors = new Dictionary<string, Visitor>();
        string[] roles = ["", "handler", "handler2", "reviewer", "publisher", "supervisor", "admin"];
        for (var i = 0; i < roles.Length; i++)
        {
            visitors[roles[i]] = await walk.StartAsync(roles[i], $"192.0.2.{10 + i}");
        }

        foreach (var role in roles)
        {
            foreach (var call in calls.Where(c => c.Body == RouteBody.Query))
            {
                await walk.ReadAsync(visitors[role], call);
            }
        }

        var writes = calls.Where(c => c.Body != RouteBody.Query).OrderBy(c => Route(c).StartsWith("/accounts/", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var role in new[] { "supervisor", "publisher", "handler2", "reviewer", "handler", "admin", "" })
        {
            foreach (var call in writes)
            {
                await walk.WriteAsync(visitors[role], call);
            }
        }

        var unanswered = calls.Select(Route).Distinct().Where(route => !ErrorPages.Contains(route) && !walk.Answered.Contains(route)).ToList();
        output.WriteLine($"{walk.Requests} requests: {calls.Count} calls of {calls.Select(Route).Distinct().Count()} routes × {roles.Length} roles, {watch.Elapsed.TotalSeconds:0.0} s");
        walk.Findings.ShouldBeEmpty(string.Join('\n', walk.Findings));
        unanswered.ShouldBeEmpty("routes no role ever got a success from (their samples are wrong): " + string.Join(", ", unanswered));
    }

    /// <summary>The route's template with one leading slash (Razor Pages without an explicit route have none).</summary>
    private static string Route(RouteCall call) => "/" + call.Pattern.RawText!.TrimStart('/');

    private sealed class Visitor(string userName, HttpClient client, CookieJar jar)
    {
        public string Role { get; } = userName.Length == 0 ? "anonymous" : userName;

        public string UserName { get; } = userName;

        public HttpClient Client { get; } = client;

        public string Token { get; set; } = "";

        public bool SignedIn => jar.Container.GetCookies(new Uri("http://localhost/")).Any(c => c.Name == "gongkai.session" && !c.Expired);
    }

    private sealed class Walk(GongkaiApp app, RouteSamples samples)
    {
        private static readonly HtmlParser Parser = new();

        private readonly HashSet<RouteCall> _fuzzed = [];

        private readonly Dictionary<string, HttpStatusCode> _anonymous = new(StringComparer.Ordinal);

        public List<string> Findings { get; } = [];

        public HashSet<string> Answered { get; } = new(StringComparer.Ordinal);

        public int Requests { get; private set; }

        public async Task<Visitor> StartAsync(string userName, string address)
        {
            var jar = new CookieJar();
            var client = app.CreateDefaultClient(jar.Handler());
            client.DefaultRequestHeaders.Add(GongkaiApp.ClientAddressHeader, address);
            var visitor = new Visitor(userName, client, jar);
            await SignInAsync(visitor);
            return visitor;
        }

        /// <summary>
        /// GETs the route with every sample; hostile query values once per route, by the first role that reaches it.
        /// Staff never see the objects of an agency outside their reach unless the page is public.
        /// </summary>
        public async Task ReadAsync(Visitor visitor, RouteCall call)
        {
            var urls = samples.Urls(call.Pattern, Own(visitor));
            Response? first = null;
            foreach (var (url, owner) in urls)
            {
                var response = await SendAsync(visitor, call, HttpMethod.Get, call.WithHandler(url), null);
                first ??= response;
                if (visitor.UserName.Length == 0)
                {
                    _anonymous[call.WithHandler(url)] = response.Status;
                }
                else if (owner is not null && !Reaches(visitor, owner) && response.Status == HttpStatusCode.OK
                         && _anonymous.GetValueOrDefault(call.WithHandler(url)) != HttpStatusCode.OK)
                {
                    Findings.Add($"shows the objects of {owner.Owner}: {visitor.Role} GET {call.WithHandler(url)}");
                }
            }

            if (first!.Reached && call.Inputs.Count > 0 && _fuzzed.Add(call))
            {
                var url = call.WithHandler(urls[0].Url);
                if (RouteSamples.Query(call.Inputs) is { } valid)
                {
                    await SendAsync(visitor, call, HttpMethod.Get, url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + valid, null);
                }

                foreach (var value in Hostile)
                {
                    var query = string.Join('&', call.Inputs.Select(name => Uri.EscapeDataString(name) + "=" + value));
                    await SendAsync(visitor, call, HttpMethod.Get, url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query, null);
                }
            }
        }

        /// <summary>
        /// Posts without a token (refused), with a token and an empty form for every sample, with hostile form values
        /// once per route; JSON endpoints get an empty object, then broken bodies and wrong content types.
        /// </summary>
        public async Task WriteAsync(Visitor visitor, RouteCall call)
        {
            var urls = samples.Urls(call.Pattern, Own(visitor)).Select(u => u.Url).ToList();
            var method = new HttpMethod(call.Method);
            if (call.Body == RouteBody.Json)
            {
                foreach (var url in urls)
                {
                    await SendAsync(visitor, call, method, url, new StringContent("{}", Encoding.UTF8, "application/json"));
                }

                if (_fuzzed.Add(call))
                {
                    foreach (var content in new Func<HttpContent?>[]
                             {
                                 () => null,
                                 () => new StringContent("{", Encoding.UTF8, "application/json"),
                                 () => new StringContent("[1,2]", Encoding.UTF8, "application/json"),
                                 () => new StringContent("{\"agencyId\":\"abc\",\"applicantType\":99,\"reason\":[1],\"on\":\"2024-02-30\"}", Encoding.UTF8, "application/json"),
                                 () => new StringContent("a=b", Encoding.UTF8, "application/x-www-form-urlencoded"),
                                 () => new StringContent("<x/>", Encoding.UTF8, "text/xml"),
                             })
                    {
                        await SendAsync(visitor, call, method, urls[0], content());
                    }
                }

                return;
            }

            var refused = await SendAsync(visitor, call, method, call.WithHandler(urls[0]), Form(null, []));
            var expired = refused.Status == HttpStatusCode.BadRequest && refused.Body.Contains("页面已过期", StringComparison.Ordinal);
            if (!expired && !refused.TurnedAway && refused.Status != HttpStatusCode.InternalServerError)
            {
                Findings.Add($"accepted without an antiforgery token ({(int)refused.Status}{(refused.Status == HttpStatusCode.BadRequest ? " without 页面已过期" : "")}): {visitor.Role} {call.Describe(urls[0])}");
            }

            Response? first = null;
            foreach (var url in urls)
            {
                first ??= await SendAsync(visitor, call, method, call.WithHandler(url), Form(visitor.Token, []));
                await KeepSignedInAsync(visitor);
            }

            if (first!.Reached && call.Inputs.Count > 0 && _fuzzed.Add(call))
            {
                foreach (var value in Hostile)
                {
                    await SendAsync(visitor, call, method, call.WithHandler(urls[0]), Form(visitor.Token, call.Inputs.Select(name => (name, value))));
                    await KeepSignedInAsync(visitor);
                }
            }
        }

        private AgencyObjects Own(Visitor visitor) => visitor.UserName == "handler2" ? samples.NaturalResources : samples.Education;

        /// <summary>Whether the visitor's work covers the agency: its own, or the county's agencies for a supervisor or administrator.</summary>
        private bool Reaches(Visitor visitor, AgencyObjects owner) =>
            owner == Own(visitor) || (visitor.UserName is "supervisor" or "admin" && owner != samples.Sets[2]);

        private static StringContent Form(string? token, IEnumerable<(string Name, string EncodedValue)> fields)
        {
            var pairs = fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + f.EncodedValue);
            if (token is not null)
            {
                pairs = pairs.Append("__RequestVerificationToken=" + Uri.EscapeDataString(token));
            }

            return new StringContent(string.Join('&', pairs), Encoding.ASCII, "application/x-www-form-urlencoded");
        }

        private async Task<Response> SendAsync(Visitor visitor, RouteCall call, HttpMethod method, string url, HttpContent? content)
        {
            using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = content };
            var errorsBefore = app.Errors.Count;
            Requests++;
            Response result;
            try
            {
                using var response = await visitor.Client.SendAsync(request);
                var location = response.Headers.Location is { } target ? new Uri(new Uri("http://localhost/"), target).PathAndQuery : null;
                result = new Response(response.StatusCode, await response.Content.ReadAsStringAsync(), location);
                foreach (var header in SecurityHeaders.Where(h => !response.Headers.Contains(h)))
                {
                    Findings.Add($"no {header}: {visitor.Role} {method} {url}");
                }

                if (response.Headers.Contains("Server"))
                {
                    Findings.Add($"Server header sent: {visitor.Role} {method} {url}");
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                result = new Response(HttpStatusCode.InternalServerError, exception.ToString(), null);
            }

            if (result.Status == HttpStatusCode.InternalServerError)
            {
                Findings.Add($"500: {visitor.Role} {method} {url} — {string.Join(" | ", app.Errors.Since(errorsBefore).DefaultIfEmpty(result.Body[..Math.Min(300, result.Body.Length)]))}");
            }
            // A JSON step refused for the state its object is in (409: a letter already returned or issued by an
            // earlier role of the walk) ran on a real object, so its samples are right.
            else if ((int)result.Status is >= 200 and < 300 || (result.Status == HttpStatusCode.Redirect && !result.TurnedAway)
                     || (result.Status == HttpStatusCode.Conflict && call.Body == RouteBody.Json))
            {
                Answered.Add(Route(call));
            }

            return result;
        }

        /// <summary>Signs the visitor in again when a request ended the session (signing out, ending sessions).</summary>
        private async Task KeepSignedInAsync(Visitor visitor)
        {
            if (visitor.UserName.Length > 0 && !visitor.SignedIn)
            {
                await SignInAsync(visitor);
            }
        }

        private static async Task SignInAsync(Visitor visitor)
        {
            if (visitor.UserName.Length > 0)
            {
                var response = await visitor.Client.LoginAsync(visitor.UserName);
                response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{visitor.UserName} signs in: {await response.BodyAsync()}");
            }

            var home = await Parser.ParseDocumentAsync(await visitor.Client.GetStringAsync(new Uri("/", UriKind.Relative)));
            visitor.Token = home.AntiforgeryToken();
        }
    }

    private sealed record Response(HttpStatusCode Status, string Body, string? Location)
    {
        /// <summary>Refused before the page's own code ran: sent to sign in, denied, not found, or not a method the route answers.</summary>
        public bool TurnedAway => Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.Unauthorized
                                  || (Status == HttpStatusCode.Redirect
                                      && (Location?.StartsWith("/accounts/login", StringComparison.Ordinal) == true || Location?.StartsWith("/accounts/denied", StringComparison.Ordinal) == true));

        /// <summary>The route's own code answered (a success, a refusal of the input, or a redirect it chose).</summary>
        public bool Reached => !TurnedAway && Status != HttpStatusCode.InternalServerError;
    }
}
