using Gongkai.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// The applicant's identity document, requested form and way of receiving were free text, written differently by the
/// staff form (纸质/电子/不限, 自行领取, 其他证件), the public form (纸质文本/电子文档, 当面领取, 其他证照) and any text an API
/// client sent; they become the names of <see cref="IdentityDocument"/>, <see cref="RequestedForm"/> and
/// <see cref="DeliveryPreference"/>. The columns stay text. Every wording the forms offered is mapped, and common
/// variants by their key words; a text that fits no choice is not lost: the audit log keeps it (action
/// <c>application.migrated</c>), and the field becomes 其他证件 (document) or not stated (form, way of receiving).
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261122000070_IntakeChoices")]
public sealed class IntakeChoices : Migration
{
    /// <summary>The audit action of a stored text that fits no choice.</summary>
    public const string AuditAction = "application.migrated";

    private static readonly (string Column, string Name, (string Choice, string[] Exact, string[] Words)[] Map, string? Fallback)[] Fields =
    [
        ("IdDocumentType", "证件类型",
        [
            (nameof(IdentityDocument.ForeignPermanentResidentCard), ["外国人永久居留身份证"], ["永久居留"]),
            (nameof(IdentityDocument.ResidentIdCard), ["居民身份证", "身份证"], ["身份证"]),
            (nameof(IdentityDocument.HongKongMacaoPermit), ["港澳居民来往内地通行证"], ["港澳"]),
            (nameof(IdentityDocument.TaiwanPermit), ["台湾居民来往大陆通行证"], ["台湾", "台胞"]),
            (nameof(IdentityDocument.Passport), ["护照"], ["护照"]),
            (nameof(IdentityDocument.UnifiedSocialCreditCode), ["统一社会信用代码"], ["信用代码", "营业执照"]),
            (nameof(IdentityDocument.Other), ["其他证件", "其他证照", "其他"], []),
        ], nameof(IdentityDocument.Other)),
        ("RequestedForm", "提供形式",
        [
            (nameof(RequestedForm.Paper), ["纸质", "纸质文本"], ["纸"]),
            (nameof(RequestedForm.Electronic), ["电子", "电子文档"], ["电子"]),
            (nameof(RequestedForm.Any), ["不限"], ["不限", "均可"]),
        ], null),
        ("DeliveryPreference", "获取方式",
        [
            (nameof(DeliveryPreference.Online), ["在线下载（本平台）", "网上获取", "在线下载"], ["在线", "网上", "下载", "平台"]),
            (nameof(DeliveryPreference.Email), ["电子邮件"], ["电子邮", "邮箱"]),
            (nameof(DeliveryPreference.Post), ["邮寄"], ["邮寄", "快递", "寄"]),
            (nameof(DeliveryPreference.Collect), ["当面领取", "自行领取"], ["领取", "自取", "当面", "现场"]),
            (nameof(DeliveryPreference.Fax), ["传真"], ["传真"]),
        ], null),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var (column, name, map, fallback) in Fields)
        {
            var names = string.Join(", ", map.Select(m => Quote(m.Choice)));

            // Exact wordings first (in table order), then key words: the first choice that matches wins.
            var cases = string.Join("\n",
                map.Select(m => $"WHEN \"{column}\" IN ({string.Join(", ", m.Exact.Select(Quote))}) THEN {Quote(m.Choice)}")
                    .Concat(map.SelectMany(m => m.Words.Select(w => $"WHEN \"{column}\" LIKE {Quote("%" + w + "%")} THEN {Quote(m.Choice)}"))));
            migrationBuilder.Sql($"""
                UPDATE "Applications" SET "{column}" = CASE {cases} ELSE "{column}" END
                WHERE "{column}" IS NOT NULL AND "{column}" NOT IN ({names})
                """);

            var summary = $"'申请 ' || \"Number\" || ' 的{name}原为「' || \"{column}\" || '」，不在统一的选项中，已改为{(fallback is null ? "未指定" : IdentityDocument.Other.Label())}'";
            migrationBuilder.Sql(migrationBuilder.IsSqlite()
                ? $"""
                   INSERT INTO "AuditLog" ("Id", "AtUtc", "UserName", "AgencyId", "Action", "EntityType", "EntityId", "Summary")
                   SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12)),
                          strftime('%Y-%m-%d %H:%M:%S', 'now'), '（系统迁移）', "AgencyId", '{AuditAction}', 'Application', lower("Id"), {summary}
                   FROM (SELECT hex(randomblob(16)) AS h, * FROM "Applications" WHERE "{column}" IS NOT NULL AND "{column}" NOT IN ({names}))
                   """
                : $"""
                   INSERT INTO "AuditLog" ("Id", "AtUtc", "UserName", "AgencyId", "Action", "EntityType", "EntityId", "Summary")
                   SELECT gen_random_uuid(), now(), '（系统迁移）', "AgencyId", '{AuditAction}', 'Application', CAST("Id" AS text), {summary}
                   FROM "Applications" WHERE "{column}" IS NOT NULL AND "{column}" NOT IN ({names})
                   """);
            migrationBuilder.Sql($"""
                UPDATE "Applications" SET "{column}" = {(fallback is null ? "NULL" : Quote(fallback))}
                WHERE "{column}" IS NOT NULL AND "{column}" NOT IN ({names})
                """);
        }
    }

    /// <summary>Back to the wording of the public form (the staff form's wording is not restored).</summary>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var choice in Enum.GetValues<IdentityDocument>())
        {
            migrationBuilder.Sql($"UPDATE \"Applications\" SET \"IdDocumentType\" = {Quote(choice.Label())} WHERE \"IdDocumentType\" = {Quote(choice.ToString())}");
        }

        foreach (var choice in Enum.GetValues<RequestedForm>())
        {
            migrationBuilder.Sql($"UPDATE \"Applications\" SET \"RequestedForm\" = {Quote(choice.Label())} WHERE \"RequestedForm\" = {Quote(choice.ToString())}");
        }

        foreach (var choice in Enum.GetValues<DeliveryPreference>())
        {
            migrationBuilder.Sql($"UPDATE \"Applications\" SET \"DeliveryPreference\" = {Quote(choice.Label())} WHERE \"DeliveryPreference\" = {Quote(choice.ToString())}");
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
