using System.Net;
using AngleSharp.Html.Parser;

namespace Gongkai.Tests.Web;

/// <summary>Form posts as a browser makes them: read the page, take its antiforgery token, post the fields.</summary>
public static class Http
{
    private static readonly HtmlParser Parser = new();

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url} {ServerErrorInResponse.Of(response)}");
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static string AntiforgeryToken(this AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>GETs the page with the form, then POSTs the fields with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var page = await client.GetPageAsync(pageUrl);
        var all = fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", page.AntiforgeryToken()));
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(new Uri(postUrl ?? pageUrl, UriKind.Relative), content);
    }

    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient client, string userName, string password = Gongkai.Web.Demo.DemoData.Password)
    {
        var response = await client.PostFormAsync("/accounts/login", [new("UserName", userName), new("Password", password)]);
        return response;
    }

    public static async Task<string> BodyAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();
}
