using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Gongkai.Tests.Web.AnnualReports;

/// <summary>Submits a page's form as a browser does: every field with its current value, some changed, one button.</summary>
public static class FormPost
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The response body as a page (a form shown again with its errors).</summary>
    public static async Task<IHtmlDocument> PageAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, string pageUrl, IReadOnlyDictionary<string, string> changes, string? button = null, string formSelector = "form[method=post]:not(.inline)")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(changes);
        var page = await client.GetPageAsync(pageUrl);
        return await client.SubmitAsync(page, pageUrl, changes, button, formSelector);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IHtmlDocument page, string pageUrl, IReadOnlyDictionary<string, string> changes, string? button = null, string formSelector = "form[method=post]:not(.inline)")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(changes);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches {formSelector} on {pageUrl}.");
        var fields = Fields(form).Where(f => !changes.ContainsKey(f.Key)).ToList();
        fields.AddRange(changes);
        if (button is not null)
        {
            var separator = button.IndexOf('=', StringComparison.Ordinal);
            fields.Add(new(button[..separator], button[(separator + 1)..]));
        }

        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : pageUrl;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Name is { Length: > 0 } name && input.Type is not ("submit" or "button" or "file"):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked)
                        {
                            yield return new(name, input.Value);
                        }
                    }
                    else
                    {
                        yield return new(name, input.Value);
                    }

                    break;
                case IHtmlTextAreaElement area when area.Name is { Length: > 0 } name:
                    yield return new(name, area.Value);
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name:
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        yield return new(name, option.Value);
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
