using Gongkai.Applications;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Tests.Data;

public class IntakeChoicesMigrationTests
{
    /// <summary>What the old code stored: the staff form's words, the public form's words, and free text from the API.</summary>
    private static readonly (string? Document, string? Form, string? Delivery, IdentityDocument? Expected, RequestedForm? ExpectedForm, DeliveryPreference? ExpectedDelivery)[] Rows =
    [
        ("居民身份证", "纸质", "自行领取", IdentityDocument.ResidentIdCard, RequestedForm.Paper, DeliveryPreference.Collect),
        ("其他证件", "电子", "网上获取", IdentityDocument.Other, RequestedForm.Electronic, DeliveryPreference.Online),
        ("统一社会信用代码", "不限", "传真", IdentityDocument.UnifiedSocialCreditCode, RequestedForm.Any, DeliveryPreference.Fax),
        ("其他证照", "纸质文本", "当面领取", IdentityDocument.Other, RequestedForm.Paper, DeliveryPreference.Collect),
        ("港澳居民来往内地通行证", "电子文档", "在线下载（本平台）", IdentityDocument.HongKongMacaoPermit, RequestedForm.Electronic, DeliveryPreference.Online),
        ("外国人永久居留身份证", "电子文档", "邮寄", IdentityDocument.ForeignPermanentResidentCard, RequestedForm.Electronic, DeliveryPreference.Post),
        ("军官证", "光盘", "电子邮件", IdentityDocument.Other, null, DeliveryPreference.Email),
        ("护照", null, "快递到家", IdentityDocument.Passport, null, DeliveryPreference.Post),
        (null, null, null, null, null, null),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Choices_stored_as_the_old_forms_wrote_them_become_the_intake_choices_and_unknown_texts_stay_in_the_audit_log(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ids = Rows.Select(_ => Guid.NewGuid()).ToArray();
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000060_NumberCounters");
            var regionId = Guid.NewGuid();
            db.Regions.Add(new Region { Id = regionId, Name = "示范县", Level = RegionLevel.County, Path = Region.ChildPath(null, regionId) });
            var agencyId = Guid.NewGuid();
            await db.SaveChangesAsync();
            await OlderSchemaRows.InsertAsync(db, [new Agency { Id = agencyId, RegionId = regionId, Name = "示范县教育局", Kind = AgencyKind.Department }]);
            await OlderSchemaRows.InsertAsync(db, Enumerable.Range(0, Rows.Length).Select(i => new ApplicationRecord
                {
                    Id = ids[i],
                    AgencyId = agencyId,
                    Number = $"2024-{i + 1:D4}",
                    ReceiptCode = $"CODE{i:D6}",
                    ApplicantName = "张三",
                    Description = "示范县2023年度义务教育阶段学校名单",
                    ArrivedOn = new DateOnly(2024, 6, 17),
                    ReceivedOn = new DateOnly(2024, 6, 17),
                }));

            // The old columns held the words themselves.
            for (var i = 0; i < Rows.Length; i++)
            {
                var (document, form, delivery, _, _, _) = Rows[i];
                var id = ids[i];
                await db.Database.ExecuteSqlAsync(
                    $"""UPDATE "Applications" SET "IdDocumentType" = {document}, "RequestedForm" = {form}, "DeliveryPreference" = {delivery} WHERE "Id" = {id}""");
            }
        }

        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = database.CreateContext())
        {
            var stored = await db.Applications.AsNoTracking().ToDictionaryAsync(a => a.Id);
            for (var i = 0; i < Rows.Length; i++)
            {
                var record = stored[ids[i]];
                var (document, form, delivery, expected, expectedForm, expectedDelivery) = Rows[i];
                record.IdDocumentType.ShouldBe(expected, document);
                record.RequestedForm.ShouldBe(expectedForm, form);
                record.DeliveryPreference.ShouldBe(expectedDelivery, delivery);
            }

            var audit = await db.AuditLog.AsNoTracking().Where(e => e.Action == Gongkai.Data.Migrations.IntakeChoices.AuditAction).ToListAsync();
            audit.Select(e => e.Summary).Order(StringComparer.Ordinal).ShouldBe(
            [
                "申请 2024-0007 的提供形式原为「光盘」，不在统一的选项中，已改为未指定",
                "申请 2024-0007 的证件类型原为「军官证」，不在统一的选项中，已改为其他证件",
            ]);
            audit.ShouldAllBe(e => e.EntityType == "Application" && e.EntityId == ids[6].ToString() && e.UserName == "（系统迁移）");
            audit.Select(e => e.Id).Distinct().Count().ShouldBe(2);
        }
    }
}
