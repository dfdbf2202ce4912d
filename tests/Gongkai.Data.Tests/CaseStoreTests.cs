using Gongkai.Applications;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.Fees;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Data;

public class CaseStoreTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_kind_of_event_is_stored_and_replays_into_the_same_case(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rules = CaseRules.Default;
        var id = Guid.NewGuid();
        var staff = new Actor("张明");
        var head = new Actor("李华", ActorRole.OfficeHead);
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
            var regionId = Guid.NewGuid();
            db.Regions.Add(new Region { Id = regionId, Name = "示范县", Level = RegionLevel.County, Path = Region.ChildPath(null, regionId) });
            var agencyId = Guid.NewGuid();
            db.Agencies.Add(new Agency { Id = agencyId, RegionId = regionId, Name = "示范县教育局", Kind = AgencyKind.Department });
            var record = new ApplicationRecord
            {
                Id = id,
                AgencyId = agencyId,
                Number = "2024-0001",
                ReceiptCode = "ABCD234567",
                ApplicantType = ApplicantType.Commercial,
                ApplicantName = "某某科技有限公司",
                Description = "2023年度校舍维修项目的招标文件",
                Channel = ReceiptChannel.Online,
                ArrivedOn = new DateOnly(2024, 9, 20),
                ConfirmedOn = new DateOnly(2024, 9, 23),
                CreatedAtUtc = new DateTime(2024, 9, 23, 1, 0, 0, DateTimeKind.Utc),
            };
            var now = new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);
            CaseEvent[] events =
            [
                new Registered(At(2024, 9, 23), staff),
                new CorrectionRequested(At(2024, 9, 24), staff, new DateOnly(2024, 10, 15), "请写明招标项目名称"),
                new CorrectionReceived(At(2024, 10, 9), staff),
                new ConsultationStarted(At(2024, 10, 10), staff, ConsultationKind.ThirdParty, "某某建设有限公司"),
                new ConsultationAnswered(At(2024, 10, 18), staff, "某某建设有限公司"),
                new FeeNoticeSent(At(2024, 10, 21), staff, InformationProcessingFee.ByPages(150), new DateOnly(2024, 10, 22)),
                new FeePaid(At(2024, 10, 25), staff),
                new ExtensionApproved(At(2024, 10, 28), head, 10, "需要调取档案"),
                new Replied(At(2024, 11, 5), staff, Outcome.PartiallyGranted, "涉及第三方商业秘密部分不予公开", DeliveryMethod.Post, new DateOnly(2024, 11, 6)),
                new Delivered(At(2024, 11, 8), staff),
            ];
            var expected = record.ToCase(rules);
            foreach (var caseEvent in events)
            {
                expected = record.Append(caseEvent, rules, null, caseEvent.GetType().Name, now);
            }

            db.Applications.Add(record);
            await db.SaveChangesAsync();
            record.State.ShouldBe(CaseState.Delivered);
            record.Outcome.ShouldBe(Outcome.PartiallyGranted);
            record.ConcludedOn.ShouldBe(new DateOnly(2024, 11, 5), "concluded on the reply; the posting date counts only for the deadline");
        }

        await using (var db = database.CreateContext())
        {
            var stored = await db.Applications.Include(a => a.Events).SingleAsync(a => a.Id == id);

            var replayed = stored.ToCase(rules);

            replayed.Events.Count.ShouldBe(10);
            replayed.State.ShouldBe(CaseState.Delivered);
            replayed.Outcome.ShouldBe(Outcome.PartiallyGranted);
            replayed.Reply!.PostedOn.ShouldBe(new DateOnly(2024, 11, 6));
            replayed.FeeNotice!.Fee.Amount.ShouldBe(1700m);
            replayed.Extension!.By.ShouldBe(new Actor("李华", ActorRole.OfficeHead));
            replayed.Deadline(rules).Due.ShouldBe(stored.DueOn);
            stored.Events.Select(e => e.Kind).ShouldBe(
            [
                "Registered", "CorrectionRequested", "CorrectionReceived", "ConsultationStarted", "ConsultationAnswered",
                "FeeNoticeSent", "FeePaid", "ExtensionApproved", "Replied", "Delivered",
            ], ignoreOrder: true);
        }
    }

    [Fact]
    public void A_refused_event_is_not_recorded()
    {
        var record = new ApplicationRecord
        {
            Id = Guid.NewGuid(),
            Number = "2024-0002",
            ReceiptCode = "ZXCV234567",
            ApplicantName = "王某",
            Description = "某路段拆迁补偿方案",
            Channel = ReceiptChannel.InPerson,
            ArrivedOn = new DateOnly(2024, 3, 1),
        };
        var rules = CaseRules.Default;

        Should.Throw<CaseRuleException>(() =>
            record.Append(new Replied(At(2024, 3, 5), new Actor("张明"), Outcome.Granted, null, DeliveryMethod.Direct), rules, null, "答复", DateTime.UnixEpoch));

        record.Events.ShouldBeEmpty();
        record.Version.ShouldBe(0);
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, China);
}
