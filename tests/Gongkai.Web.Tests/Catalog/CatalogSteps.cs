using System.Net;
using AngleSharp.Html.Dom;
using Gongkai.Tests.Web;

namespace Gongkai.Tests.Catalog;

/// <summary>The catalogue workflow as staff drive it through the pages: each step is a form post.</summary>
internal static class CatalogSteps
{
    public static async Task<HttpClient> SignedInAsync(GongkaiApp app, string userName)
    {
        var client = app.CreateBrowserClient();
        (await client.LoginAsync(userName)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>The value of the option whose text is <paramref name="text"/> in the select named <paramref name="name"/>.</summary>
    public static string Option(IHtmlDocument page, string name, string text) =>
        page.QuerySelectorAll($"select[name='{name}'] option").Single(o => o.TextContent.Trim() == text).GetAttribute("value")!;

    /// <summary>Saves a new draft with the given fields (the topic by its full name) and returns its id.</summary>
    public static async Task<Guid> DraftAsync(HttpClient client, string title, string body, string topic = "科技、教育\\教育", params (string Name, string Value)[] more)
    {
        var form = await client.GetPageAsync("/catalog-admin/draft");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Title", title),
            new("Input.Publisher", "示范县教育局"),
            new("Input.Kind", "General"),
            new("Input.Mode", "Proactive"),
            new("Input.WrittenOn", "2024-06-11"),
            new("Input.TopicCategoryId", Option(form, "Input.TopicCategoryId", topic)),
            new("Input.Body", body),
        };
        foreach (var (name, value) in more)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        var response = await client.PostFormAsync("/catalog-admin/draft", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.BodyAsync());
        return Guid.Parse(response.Headers.Location!.ToString()["/catalog-admin/".Length..]);
    }

    /// <summary>Posts one of the item page's handlers; returns the response (a redirect when the step was taken).</summary>
    /// <remarks>The antiforgery token is per person, so it is taken from the new-draft form: the item page has no form for a step the person may not take.</remarks>
    public static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string handler, params (string Name, string Value)[] fields) =>
        client.PostFormAsync("/catalog-admin/draft", fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), $"/catalog-admin/{id}?handler={handler}");

    public static async Task DoneAsync(this Task<HttpResponseMessage> step)
    {
        var response = await step;
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.BodyAsync());
    }

    /// <summary>The whole review of a drafted item: submit (drafter), 保密审查 and approval (reviewer), publish (publisher).</summary>
    public static async Task ReviewAndPublishAsync(HttpClient drafter, HttpClient reviewer, HttpClient publisher, Guid id)
    {
        await ActAsync(drafter, id, "Submit").DoneAsync();
        await ActAsync(reviewer, id, "Review&pass=true", ("Opinion", "不涉密，同意公开。")).DoneAsync();
        await ActAsync(reviewer, id, "Approve&approve=true", ("Opinion", "同意。")).DoneAsync();
        await ActAsync(publisher, id, "Publish").DoneAsync();
    }

    /// <summary>The alert a refused step shows on the re-rendered page.</summary>
    public static async Task<string> AlertAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.BodyAsync());
        return page.QuerySelector("main .alert")?.TextContent.Trim() ?? throw new InvalidOperationException("No alert on the page.");
    }
}
