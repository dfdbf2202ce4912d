using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Gongkai.AnnualReports.Validation;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Xunit.Abstractions;

namespace Gongkai.Tests.Platform;

/// <summary>
/// Every GET page, with the route walk's sample values, as every role: the text a user sees (text nodes and the values
/// of visible inputs and buttons; not scripts, styles, templates or attributes such as tooltips) names no rule id, no
/// JSON path, no member name of an enum of the domain or the web app and no English status word. Numbers, dates,
/// 文号, index numbers, file names, e-mail addresses, URLs and the names of formats and protocols are allowed.
/// </summary>
public class VisibleTextTests(ITestOutputHelper output)
{
    /// <summary>English words for states that a page might print instead of the Chinese label.</summary>
    private static readonly string[] StatusWords =
    [
        "Pending", "Draft", "Drafted", "Published", "Submitted", "Approved", "Returned", "Overdue", "Open", "Closed",
        "Rejected", "Withdrawn", "Archived", "Received", "Registered", "Accepted", "Granted", "Denied", "Expired",
        "Active", "Inactive", "Locked", "Unpublished", "Revoked", "Cancelled", "Completed", "Done", "Error", "Warning",
    ];

    /// <summary>ASCII words users see on purpose: the product, file formats, protocols, encodings.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Gongkai", "PDF", "DOCX", "DOC", "CSV", "JSON", "API", "SQLite", "PostgreSQL", "UTF-8", "UTF8", "GBK", "GB18030",
        "HTML", "Markdown", "XLSX", "XLS", "WPS", "OFD", "ZIP", "TXT", "HTTP", "HTTPS", "URL", "RSS", "Word", "Excel",
        "LibreOffice", "ID",
    };

    /// <summary>URLs, e-mail addresses and file names with an extension, removed before the words are read.</summary>
    private static readonly Regex Exempt = new(
        @"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w\-.\u4e00-\u9fff]+\.(?:pdf|docx?|xlsx?|csv|json|md|txt|html?|zip|ofd|wps|png|jpe?g)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>ASCII words: letters and digits joined by dots, hyphens or underscores.</summary>
    private static readonly Regex Word = new(@"[A-Za-z][A-Za-z0-9]*(?:[._-][A-Za-z0-9]+)*", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>A JSON path of the report API: table2./table3./table4. or a camelCase member such as newReceived.</summary>
    private static readonly Regex JsonPath = new(@"^(?:table\d+(?:\..*)?|[a-z]+[A-Z][A-Za-z0-9]*(?:\..*)?|.*\.[a-z]+[A-Z][A-Za-z0-9]*.*)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Regex PascalCase = new(@"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly HtmlParser Parser = new();

    /// <summary>What a word of visible text must not be, each with the reason the failure names.</summary>
    private static readonly Dictionary<string, string> Forbidden = BuildForbidden();

    [Fact]
    public async Task Every_page_as_every_role_shows_no_rule_ids_json_paths_enum_names_or_english_status_words()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["Letters:LibreOffice"] = "/nonexistent/soffice";
        var samples = await RouteSamples.LoadAsync(app);
        var calls = (await RouteCatalogue.ReadAsync(app.Services)).Where(c => c.Body == RouteBody.Query).ToList();

        var findings = new SortedSet<string>(StringComparer.Ordinal);
        var pages = 0;
        foreach (var role in new[] { "", "handler", "handler2", "reviewer", "publisher", "supervisor", "admin" })
        {
            var jar = new CookieJar();
            using var client = app.CreateDefaultClient(jar.Handler());
            if (role.Length > 0)
            {
                (await client.LoginAsync(role)).StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{role} signs in");
            }

            var own = role == "handler2" ? samples.NaturalResources : samples.Education;
            foreach (var call in calls)
            {
                var urls = samples.Urls(call.Pattern, own).Select(u => call.WithHandler(u.Url)).ToList();
                if (RouteSamples.Query(call.Inputs) is { } query)
                {
                    urls.Add(urls[0] + (urls[0].Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
                }

                foreach (var url in urls)
                {
                    using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                    if (response.Content.Headers.ContentType?.MediaType != "text/html")
                    {
                        continue;
                    }

                    pages++;
                    var document = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
                    foreach (var (word, reason, context) in Offending(VisibleText(document)))
                    {
                        findings.Add($"{"/" + call.Pattern.RawText!.TrimStart('/')} as {(role.Length == 0 ? "anonymous" : role)}: “{word}” ({reason}) in “{context}” — GET {url}");
                    }
                }
            }
        }

        output.WriteLine($"{pages} HTML pages read");
        pages.ShouldBeGreaterThan(100);
        findings.ShouldBeEmpty(string.Join('\n', findings));
    }

    [Fact]
    public void The_checker_finds_rule_ids_paths_enum_names_and_status_words_and_allows_codes_numbers_files_and_addresses()
    {
        var document = Parser.ParseDocument(
            """
            <html><head><title>申请</title><style>.Pending{}</style><script>var x = "CELL-BLANK";</script></head><body>
            <p title="T3-BALANCE">表三勾稽关系 T3-ROW-TOTAL</p><p>见 table3.newReceived.total</p><p>状态：Submitted</p>
            <p>AwaitingCorrection</p><template><p>Overdue</p></template><noscript>Draft</noscript>
            <input type="hidden" value="Closed"><input type="text" value="Published"><button>Approved</button>
            <p>豫政〔2024〕12号 国办发明电〔2020〕5号 索引号 000014349/2024-00012 2024-03-01 12:30 第3页 共 1,234 件</p>
            <p>报告.pdf 年报2024.docx 表.csv gongkai@example.gov.cn https://www.gov.cn/zhengce/ Gongkai PDF UTF-8 GBK API PostgreSQL</p>
            </body></html>
            """);
        var words = Offending(VisibleText(document)).Select(o => o.Word).ToList();
        words.ShouldBe(["T3-ROW-TOTAL", "table3.newReceived.total", "Submitted", "AwaitingCorrection", "Published", "Approved"], ignoreOrder: true);
    }

    /// <summary>The text a user sees: text nodes outside script, style, template and noscript (the title too: it names the tab), and the values of visible inputs and buttons.</summary>
    private static string VisibleText(IHtmlDocument document)
    {
        var text = new StringBuilder();
        foreach (var node in document.Descendants())
        {
            if (node is IText textNode && !textNode.Ancestors<IElement>().Any(e => e.LocalName is "script" or "style" or "template" or "noscript"))
            {
                text.Append(textNode.Data).Append('\n');
            }
            else if (node is IHtmlInputElement { Type: not ("hidden" or "password") } input && input.Value.Length > 0
                     && (input.Type is "submit" or "button" or "reset" || input.Type is "text" or "search" or "number" or "date" or "email" or "tel" or "url"))
            {
                text.Append(input.Value).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The forbidden words of the text, each with its reason and the words around it.</summary>
    private static IEnumerable<(string Word, string Reason, string Context)> Offending(string text)
    {
        var words = Exempt.Replace(text, " ");
        foreach (Match match in Word.Matches(words))
        {
            var start = Math.Max(0, match.Index - 20);
            var context = words[start..Math.Min(words.Length, match.Index + match.Length + 20)].ReplaceLineEndings(" ").Trim();
            var word = match.Value;
            if (Allowed.Contains(word))
            {
                continue;
            }

            if (Forbidden.TryGetValue(word, out var reason))
            {
                yield return (word, reason, context);
            }
            else if (JsonPath.IsMatch(word))
            {
                yield return (word, "JSON path", context);
            }
        }
    }

    private static Dictionary<string, string> BuildForbidden()
    {
        var forbidden = new Dictionary<string, string>(StringComparer.Ordinal);
        var enums = new[] { typeof(RuleCatalogue).Assembly, typeof(Gongkai.Web.Demo.DemoData).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsEnum && t.IsPublic || (t.IsEnum && t.IsNestedPublic));
        foreach (var type in enums)
        {
            foreach (var name in Enum.GetNames(type).Where(n => n.Length >= 4 && PascalCase.IsMatch(n) && !Allowed.Contains(n)))
            {
                forbidden.TryAdd(name, $"member of {type.Name}");
            }
        }

        foreach (var word in StatusWords)
        {
            forbidden.TryAdd(word, "English status word");
        }

        foreach (var rule in RuleCatalogue.All)
        {
            forbidden[rule.Id] = "rule id";
        }

        return forbidden;
    }
}
