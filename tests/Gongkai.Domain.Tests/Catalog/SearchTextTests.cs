using FsCheck;
using FsCheck.Fluent;
using Gongkai.Catalog;

namespace Gongkai.Tests.Catalog;

public class SearchTextTests
{
    [Fact]
    public void A_document_number_gives_bigrams_characters_words_and_boundary_tokens()
    {
        SearchText.DocumentTokens("豫政〔2024〕12号").ShouldBe(["豫政", "豫", "政", "2024", "12号", "12", "号"]);
    }

    [Fact]
    public void Chinese_text_gives_overlapping_bigrams_and_every_character()
    {
        SearchText.DocumentTokens("最低生活保障").ShouldBe(["最低", "最", "低生", "低", "生活", "生", "活保", "活", "保障", "保", "障"]);
    }

    [Fact]
    public void Full_width_letters_and_digits_fold_to_ascii_lower_case()
    {
        SearchText.DocumentTokens("ＧＢ／Ｔ　２１０６３").ShouldBe(["gb", "t", "21063"]);
        SearchText.ParseQuery("１２号").Tokens.ShouldBe(["12号"]);
    }

    [Theory]
    [InlineData("低保", new[] { "低保" })]
    [InlineData("低", new[] { "低" })]
    [InlineData("拆迁", new[] { "拆迁" })]
    [InlineData("12号", new[] { "12号" })]
    [InlineData("豫政", new[] { "豫政" })]
    [InlineData("最低生活保障", new[] { "最低", "低生", "生活", "活保", "保障" })]
    [InlineData("第3条", new[] { "第3", "3条" })]
    [InlineData("低保 2024", new[] { "低保", "2024" })]
    [InlineData("  低 、保 ", new[] { "低", "保" })]
    public void A_query_keeps_only_the_tokens_that_imply_the_others(string query, string[] expected)
    {
        var parsed = SearchText.ParseQuery(query);

        parsed.IsValid.ShouldBeTrue();
        parsed.Tokens.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("，。、《》")]
    [InlineData(null)]
    public void A_query_without_letters_or_digits_is_empty_with_a_chinese_hint(string? query)
    {
        var parsed = SearchText.ParseQuery(query);

        parsed.Problem.ShouldBe(SearchQueryProblem.Empty);
        parsed.Message.ShouldBe("请输入要检索的字词，例如“低保”或文号。");
    }

    [Fact]
    public void A_query_longer_than_fifty_characters_is_refused_kindly()
    {
        SearchText.ParseQuery(new string('低', 50)).IsValid.ShouldBeTrue();

        var parsed = SearchText.ParseQuery(new string('低', 51));

        parsed.Problem.ShouldBe(SearchQueryProblem.TooLong);
        parsed.Message.ShouldBe("检索词过长，请控制在 50 个字以内。");
    }

    [Fact]
    public void Every_query_cut_from_a_document_finds_that_document()
    {
        // Documents of CJK characters, digits and separators; queries are any stretch of them that starts and ends
        // at a character boundary of a digit run, which is what a person copies from a page.
        var alphabet = "低保拆迁最生活障政豫号第条年〔〕，。 0123456789".ToCharArray();
        var documents = Gen.ArrayOf(Gen.Elements(alphabet)).Select(chars => new string(chars)).Where(s => s.Length > 0);
        var property = Prop.ForAll(documents.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(1, 8).ToArbitrary(), (document, start, length) =>
        {
            var from = start % document.Length;
            var to = Math.Min(document.Length, from + length);
            while (from > 0 && char.IsAsciiDigit(document[from]) && char.IsAsciiDigit(document[from - 1]))
            {
                from--;
            }

            while (to < document.Length && char.IsAsciiDigit(document[to]) && char.IsAsciiDigit(document[to - 1]))
            {
                to++;
            }

            var query = SearchText.ParseQuery(document[from..to]);
            var tokens = SearchText.DocumentTokens(document);
            return !query.IsValid || query.Tokens.All(t => tokens.Contains(t));
        });

        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Highlighting_marks_the_matched_characters_and_encodes_the_rest()
    {
        var tokens = SearchText.ParseQuery("低保").Tokens;

        SearchText.Highlight("关于调整城乡低保标准的通知<script>", tokens)
            .ShouldBe("关于调整城乡<mark>低保</mark>标准的通知&lt;script&gt;");
    }

    [Fact]
    public void Highlighting_joins_overlapping_bigrams_into_one_mark()
    {
        SearchText.Highlight("城乡最低生活保障标准", SearchText.ParseQuery("最低生活保障").Tokens)
            .ShouldBe("城乡<mark>最低生活保障</mark>标准");
    }

    [Fact]
    public void Highlighting_marks_whole_words_only()
    {
        SearchText.Highlight("示政〔2012〕12号", SearchText.ParseQuery("12号").Tokens)
            .ShouldBe("示政〔2012〕<mark>12号</mark>");
        SearchText.Highlight("ＧＢ标准", SearchText.ParseQuery("gb").Tokens)
            .ShouldBe("<mark>ＧＢ</mark>标准");
    }

    [Fact]
    public void A_snippet_is_a_window_around_the_first_match_with_ellipses_where_cut()
    {
        var text = new string('甲', 100) + "\n\n拆迁补偿" + new string('乙', 100);

        var snippet = SearchText.Snippet(text, SearchText.ParseQuery("拆迁").Tokens, length: 40);

        snippet.ShouldBe("…" + new string('甲', 9) + " <mark>拆迁</mark>补偿" + new string('乙', 26) + "…");
    }

    [Fact]
    public void A_snippet_without_a_match_is_the_start_of_the_text()
    {
        SearchText.Snippet("第一段。\n第二段。", ["拆迁"], length: 10).ShouldBe("第一段。 第二段。");
    }

    [Fact]
    public void A_snippet_from_the_start_of_a_text_is_the_whole_texts_or_none()
    {
        // The start of the text decides the snippet when the window lies well inside it; otherwise it says it cannot.
        var text = "拆迁补偿" + new string('甲', 300) + "低保";
        var start = SnippetSource.Of(text, 200);
        (start.Text.Length, start.Complete).ShouldBe((200, false));

        SearchText.Snippet(start, ["拆迁"], length: 120).ShouldBe(SearchText.Snippet(text, ["拆迁"], length: 120));
        SearchText.Snippet(start, ["低保"], length: 120).ShouldBeNull("the first match is beyond the start kept");
        SearchText.Snippet(start, ["乙"], length: 120).ShouldBeNull("no match in the start: there may be one further on");
        SearchText.Snippet(SnippetSource.Of(text, 1000), ["乙"], length: 120).ShouldBe(SearchText.Snippet(text, ["乙"], length: 120));
        SnippetSource.Of(" 第一段。\n\n第二段。 ", 100).ShouldBe(new SnippetSource("第一段。 第二段。", true));
        SnippetSource.Of("甲😀", 2).ShouldBe(new SnippetSource("甲", false), "never half a surrogate pair");
    }

    [Fact]
    public void Every_snippet_from_the_start_of_a_text_is_the_whole_texts_when_it_is_given()
    {
        // Word runs that a cut could split ("12" of "123"), whitespace runs, surrogate pairs and markup characters.
        var alphabet = "低保拆迁号第条，。 \n0123456789ab<&😀".EnumerateRunes().Select(r => r.ToString()).ToArray();
        var texts = Gen.ArrayOf(Gen.Elements(alphabet)).Select(parts => string.Concat(parts));
        var queries = Gen.Elements("低保", "拆", "12", "12号", "ab", "第3条", "😀", "<&", "a 低");
        var decided = 0;
        var property = Prop.ForAll(texts.ToArbitrary(), queries.ToArbitrary(), Gen.Zip(Gen.Choose(0, 200), Gen.Choose(10, 40)).ToArbitrary(), (text, query, cut) =>
        {
            var (keep, length) = cut;
            var tokens = SearchText.ParseQuery(query).Tokens;
            var snippet = SearchText.Snippet(SnippetSource.Of(text, keep), tokens, length);
            decided += snippet is null ? 0 : 1;
            return snippet is null || snippet == SearchText.Snippet(text, tokens, length);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
        decided.ShouldBeGreaterThan(0);
    }
}
