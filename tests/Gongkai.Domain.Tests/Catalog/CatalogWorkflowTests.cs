using Gongkai.Catalog;

namespace Gongkai.Tests.Catalog;

public class CatalogWorkflowTests
{
    private static readonly Guid HandlerId = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid ReviewerId = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid PublisherId = Guid.Parse("00000000-0000-0000-0000-000000000003");

    private static readonly CatalogActor Handler = new(HandlerId, CanDraft: true, CanReview: false, CanPublish: false);
    private static readonly CatalogActor Reviewer = new(ReviewerId, CanDraft: true, CanReview: true, CanPublish: false);
    private static readonly CatalogActor Publisher = new(PublisherId, CanDraft: true, CanReview: false, CanPublish: true);

    [Fact]
    public void A_draft_goes_through_confidentiality_review_and_approval_before_it_is_published()
    {
        var status = CatalogStatus.Draft;
        status = CatalogWorkflow.Apply(status, CatalogAction.Submitted, Handler, HandlerId);
        status.ShouldBe(CatalogStatus.InConfidentialityReview);
        status = CatalogWorkflow.Apply(status, CatalogAction.ConfidentialityPassed, Reviewer, HandlerId);
        status.ShouldBe(CatalogStatus.AwaitingApproval);
        status = CatalogWorkflow.Apply(status, CatalogAction.Approved, Reviewer, HandlerId);
        status.ShouldBe(CatalogStatus.Approved);
        status = CatalogWorkflow.Apply(status, CatalogAction.Published, Publisher, HandlerId);
        status.ShouldBe(CatalogStatus.Published);
        CatalogWorkflow.Apply(status, CatalogAction.Withdrawn, Publisher, HandlerId).ShouldBe(CatalogStatus.Withdrawn);
    }

    [Fact]
    public void A_return_from_either_review_goes_back_to_draft()
    {
        CatalogWorkflow.Apply(CatalogStatus.InConfidentialityReview, CatalogAction.ConfidentialityReturned, Reviewer, HandlerId).ShouldBe(CatalogStatus.Draft);
        CatalogWorkflow.Apply(CatalogStatus.AwaitingApproval, CatalogAction.ApprovalReturned, Reviewer, HandlerId).ShouldBe(CatalogStatus.Draft);
    }

    [Theory]
    [InlineData(CatalogStatus.InConfidentialityReview, CatalogAction.ConfidentialityPassed, "handler", "只有审核人可以保密审查通过。")]
    [InlineData(CatalogStatus.Approved, CatalogAction.Published, "reviewer", "只有发布人可以发布。")]
    [InlineData(CatalogStatus.AwaitingApproval, CatalogAction.Published, "publisher", "该信息当前为“待审批”，不能发布。")]
    [InlineData(CatalogStatus.Draft, CatalogAction.Approved, "reviewer", "该信息当前为“草稿”，不能审批同意。")]
    [InlineData(CatalogStatus.Published, CatalogAction.Edited, "handler", "已发布的信息不能直接修改；请创建新版本，经保密审查和审批后发布。")]
    [InlineData(CatalogStatus.Published, CatalogAction.AttachmentAdded, "handler", "已发布的信息不能直接修改；请创建新版本，经保密审查和审批后发布。")]
    [InlineData(CatalogStatus.Draft, CatalogAction.Withdrawn, "publisher", "该信息当前为“草稿”，不能撤回。")]
    [InlineData(CatalogStatus.Draft, CatalogAction.NewVersion, "handler", "该信息当前为“草稿”，不能创建新版本。")]
    [InlineData(CatalogStatus.Superseded, CatalogAction.Withdrawn, "publisher", "该信息当前为“已被新版本替代”，不能撤回。")]
    [InlineData(CatalogStatus.Withdrawn, CatalogAction.Published, "publisher", "该信息当前为“已撤回”，不能发布。")]
    public void The_rules_refuse_in_chinese(CatalogStatus status, CatalogAction action, string who, string message)
    {
        var actor = who switch { "handler" => Handler, "reviewer" => Reviewer, _ => Publisher };

        CatalogWorkflow.IsAllowed(status, action, actor, HandlerId, out var refusal).ShouldBeFalse();
        refusal.ShouldBe(message);
        Should.Throw<CatalogRuleException>(() => CatalogWorkflow.Apply(status, action, actor, HandlerId)).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData(CatalogStatus.InConfidentialityReview, CatalogAction.ConfidentialityPassed, "不能保密审查通过自己起草的信息；请由另一位审核人办理。")]
    [InlineData(CatalogStatus.AwaitingApproval, CatalogAction.Approved, "不能审批同意自己起草的信息；请由另一位审核人办理。")]
    public void Nobody_reviews_or_approves_their_own_draft(CatalogStatus status, CatalogAction action, string message)
    {
        CatalogWorkflow.IsAllowed(status, action, Reviewer, ReviewerId, out var refusal).ShouldBeFalse();
        refusal.ShouldBe(message);
    }

    [Fact]
    public void A_reviewer_may_return_their_own_draft_and_a_new_version_may_follow_a_withdrawal()
    {
        CatalogWorkflow.IsAllowed(CatalogStatus.InConfidentialityReview, CatalogAction.ConfidentialityReturned, Reviewer, ReviewerId, out _).ShouldBeTrue();
        CatalogWorkflow.IsAllowed(CatalogStatus.Withdrawn, CatalogAction.NewVersion, Handler, HandlerId, out _).ShouldBeTrue();
        CatalogWorkflow.IsAllowed(CatalogStatus.Published, CatalogAction.NewVersion, Handler, HandlerId, out _).ShouldBeTrue();
    }
}
