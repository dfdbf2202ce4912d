using Gongkai.AnnualReports;
using Gongkai.Applications;

namespace Gongkai.Tests.Applications;

/// <summary>条例第三十六条第（五）项: the reply names the competent agency and its contact; forwarding needs consent, another agency, and happens once.</summary>
public class TransferTests
{
    private static readonly Guid Education = Guid.Parse("00000000-0000-0000-0000-00000000000e");
    private static readonly Guid NaturalResources = Guid.Parse("00000000-0000-0000-0000-00000000000f");

    [Fact]
    public void The_reply_names_the_competent_agency_and_how_to_reach_it_and_counts_as_not_held()
    {
        var (agency, problem) = CompetentAgency.Create("  示范县自然资源局 ", CompetentAgency.ContactOf("示范县人民路1号", "0373-5000002"));

        problem.ShouldBeNull();
        agency.ShouldBe(new CompetentAgency("示范县自然资源局", "地址：示范县人民路1号，电话：0373-5000002"));
        agency!.Sentence.ShouldBe("负责公开该政府信息的行政机关为示范县自然资源局，联系方式：地址：示范县人民路1号，电话：0373-5000002。");
        CompetentAgency.LegalBasis.ShouldBe("《中华人民共和国政府信息公开条例》第三十六条第（五）项");
        Outcome.UnableNotHeld.Row().ShouldBe(Table3Row.UnableNotHeld, "the crosswalk counts 36(五) under （四）1");
        CompetentAgency.ContactOf(null, " 0373-5000002 ").ShouldBe("电话：0373-5000002");
        CompetentAgency.ContactOf(" ", null).ShouldBe("");
    }

    [Fact]
    public void A_competent_agency_needs_a_name_and_a_contact_within_their_lengths()
    {
        CompetentAgency.Create(" ", "电话：0373-5000002").Problem.ShouldBe("请填写负责公开该信息的行政机关名称。");
        CompetentAgency.Create("示范县自然资源局", null).Problem.ShouldBe("请填写该机关的联系方式（地址、电话），条例第三十六条第（五）项要求告知申请人。");
        CompetentAgency.Create(new string('局', 101), "电话").Problem.ShouldBe("机关名称不能超过100个字。");
        CompetentAgency.Create("示范县自然资源局", new string('电', 301)).Problem.ShouldBe("联系方式不能超过300个字。");
        CompetentAgency.Create(new string('局', 100), new string('电', 300)).Agency.ShouldNotBeNull();
    }

    [Fact]
    public void Forwarding_needs_consent_another_agency_on_the_platform_and_happens_once()
    {
        Forwarding.Refusal(new(Consent: true, Education, NaturalResources, AlreadyForwardedTo: null)).ShouldBeNull();
        Forwarding.Refusal(new(Consent: false, Education, NaturalResources, null))
            .ShouldBe("申请人没有同意转送，不能转送；答复书已告知申请人负责公开的机关及其联系方式，可由申请人向该机关另行申请。");
        Forwarding.Refusal(new(Consent: true, Education, Education, null)).ShouldBe("答复书告知的负责公开机关是本机关，不能转送给本机关。");
        Forwarding.Refusal(new(Consent: true, Education, null, null))
            .ShouldBe("只有已签发“不属于本机关负责公开”答复书、且答复书所告知的负责公开机关在本平台上的申请，才能转送。");
        Forwarding.Refusal(new(Consent: true, Education, NaturalResources, "示范县自然资源局（申请编号 2024-0001）"))
            .ShouldBe("本申请已经转送示范县自然资源局（申请编号 2024-0001），不能再次转送。");
        Forwarding.ConsentLabel(false).ShouldBe("不同意转送");
        Forwarding.ConsentLabel(true).ShouldBe("同意转送");
        new IntakeRequest().AgreesToForward.ShouldBeFalse("no by default");
    }
}
