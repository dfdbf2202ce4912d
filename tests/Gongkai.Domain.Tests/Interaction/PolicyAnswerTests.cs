using Gongkai.Catalog;
using Gongkai.Interaction;

namespace Gongkai.Tests.Interaction;

public class PolicyAnswerTests
{
    private static readonly AnswerSource Current = new(AnswerSourceKind.CatalogItem, Guid.NewGuid(), "关于调整城乡低保标准的通知",
        "一、调整标准。自2024年7月1日起，城乡低保标准提高到每人每月560元。\n二、资金保障。所需资金由县财政负担。", new DateOnly(2024, 6, 1), Validity.Valid);

    private static readonly AnswerSource Expired = new(AnswerSourceKind.CatalogItem, Guid.NewGuid(), "示范县城乡低保管理办法",
        "第一条 城乡低保标准为每人每月400元。", new DateOnly(2019, 1, 1), Validity.Expired);

    private static readonly AnswerSource Faq = new(AnswerSourceKind.Faq, Guid.NewGuid(), "公租房怎么申请", "携带身份证和户口簿到县住建局服务窗口申请。", null, Validity.Valid);

    private static readonly AnswerSource Reply = new(AnswerSourceKind.MessageReply, Guid.NewGuid(), "校车接送时间", "经协调，校车早上7点到村口。", new DateOnly(2024, 6, 3), Validity.Valid);

    private static readonly AnswerSource[] Sources = [Current, Expired, Faq, Reply];

    [Fact]
    public void The_current_document_answers_first_with_the_passage_that_holds_the_answer_and_an_expired_one_is_marked()
    {
        var answers = PolicyAnswers.Ask("城乡低保标准是多少", Sources);

        answers.Select(a => a.Source).ShouldBe([Current, Expired]);
        answers[0].Passage.ShouldBe("一、调整标准。自2024年7月1日起，城乡低保标准提高到每人每月560元。");
        answers[0].NotInForce.ShouldBeFalse();
        answers[1].Passage.ShouldBe("第一条 城乡低保标准为每人每月400元。");
        answers[1].NotInForce.ShouldBeTrue();
    }

    [Fact]
    public void A_faq_entry_answers_its_question_in_other_words()
    {
        PolicyAnswers.Ask("请问怎么申请公租房", Sources).Select(a => a.Source).ShouldBe([Faq]);
    }

    [Theory]
    [InlineData("火车票怎么退")]
    [InlineData("请问怎么")]
    [InlineData("")]
    [InlineData(null)]
    public void A_question_nothing_covers_has_no_answer(string? question) =>
        PolicyAnswers.Ask(question, Sources).ShouldBeEmpty();

    [Fact]
    public void Question_words_carry_no_weight()
    {
        PolicyAnswers.Terms("请问低保标准是多少").ShouldBe(["低保", "保标", "标准"]);
    }

    [Fact]
    public void Long_paragraphs_are_quoted_in_whole_sentences()
    {
        var sentence = new string('甲', 69) + "。";
        PolicyAnswers.Passages(sentence + sentence + sentence + "\n短句").ShouldBe([sentence + sentence, sentence, "短句"]);
    }
}
