using System.Net;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.Catalog;
using Gongkai.Data.Catalog;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Tests.Web;
using Gongkai.Web.Attachments;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Platform;

/// <summary>The objects of one agency that route parameters name: an application with a letter and a file, catalogue items, an account, a rectification, a consultation, a message, a spot check.</summary>
internal sealed record AgencyObjects(string Owner, Guid Agency, Guid Application, Guid Letter, Guid Attachment, Guid CatalogItem, Guid CatalogFile, Guid User, Guid Rectification, Guid Consultation, Guid Message, Guid SpotCheck);

/// <summary>
/// Real values for every route parameter: the objects of the 教育局 (most demo accounts' agency), of the 自然资源局
/// (handler2's), of an agency in another county (outside every demo account's region) and ids that exist nowhere,
/// plus malformed values. A route parameter without samples fails the walk, so a new route gets samples when it is added.
/// </summary>
internal sealed class RouteSamples
{
    private RouteSamples(IReadOnlyList<AgencyObjects> sets) => Sets = sets;

    /// <summary>教育局, 自然资源局, another county, nowhere, in that order.</summary>
    public IReadOnlyList<AgencyObjects> Sets { get; }

    public AgencyObjects Education => Sets[0];

    public AgencyObjects NaturalResources => Sets[1];

    /// <summary>Values of parameters that do not name an agency's object; the first is a valid one.</summary>
    private static readonly Dictionary<string, string[]> Plain = new(StringComparer.OrdinalIgnoreCase)
    {
        ["year"] = ["2024", "2023", "0", "-1", "2147483647"],
        ["format"] = ["docx", "pdf", "print", "html", "md", "json", "exe"],
        ["kind"] = ["Reply.Granted", "Correction", "Nonexistent.Kind"],
        ["action"] = ["register", "withdraw", "offline-reply", "no-such-action"],
        ["code"] = ["400", "404", "500", "2147483647"],
        ["documentName"] = ["v1", "v2"],
    };

    private const string Malformed = "not-a-guid";

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Valid values for query inputs some pages need before they show anything (a search needs words).</summary>
    private static readonly Dictionary<string, string> ValidQuery = new(StringComparer.OrdinalIgnoreCase)
    {
        ["q"] = "教育",
        ["year"] = "2024",
        ["page"] = "2",
    };

    /// <summary>A query string of valid values for the inputs that have one, or null when none has.</summary>
    public static string? Query(IEnumerable<string> inputs)
    {
        var known = inputs.Where(ValidQuery.ContainsKey).Select(name => name + "=" + Uri.EscapeDataString(ValidQuery[name])).ToList();
        return known.Count == 0 ? null : string.Join('&', known);
    }

    public static async Task<RouteSamples> LoadAsync(GongkaiApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var education = await ObjectsAsync(app, "示范县教育局", "handler");
        var naturalResources = await ObjectsAsync(app, "示范县自然资源局", "handler2");
        var other = await AnotherCountyAsync(app);
        var nowhere = new AgencyObjects("不存在", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        return new RouteSamples([education, naturalResources, other, nowhere]);
    }

    /// <summary>
    /// The URLs to request for a route: each agency's objects together, then the first agency's objects with one
    /// parameter at a time replaced by each other value (another agency's object, a missing id, a malformed value).
    /// </summary>
    /// <remarks>Each URL comes with the agency whose objects all its ids name, or null when it mixes them (or names none).</remarks>
    public IReadOnlyList<(string Url, AgencyObjects? Owner)> Urls(RoutePattern pattern, AgencyObjects own)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var parameters = pattern.Parameters.Select(p => (p.Name, Values: Values(pattern, p.Name), IsObject: !Plain.ContainsKey(p.Name))).ToList();
        var names = parameters.Any(p => p.IsObject);
        var urls = new List<(string, AgencyObjects?)>();
        var ordered = new[] { own }.Concat(Sets.Where(s => s != own)).ToList();
        foreach (var set in ordered)
        {
            urls.Add((Format(pattern, parameters.ToDictionary(p => p.Name, p => p.Values(set)[0], StringComparer.OrdinalIgnoreCase)), names ? set : null));
        }

        var baseValues = parameters.ToDictionary(p => p.Name, p => p.Values(own)[0], StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values, _) in parameters)
        {
            foreach (var value in Sets.SelectMany(values).Append(Malformed).Distinct(StringComparer.Ordinal))
            {
                urls.Add((Format(pattern, new Dictionary<string, string>(baseValues, StringComparer.OrdinalIgnoreCase) { [name] = value }), null));
            }
        }

        return [.. urls.DistinctBy(u => u.Item1, StringComparer.Ordinal)];
    }

    private static Func<AgencyObjects, string[]> Values(RoutePattern pattern, string parameter)
    {
        if (Plain.TryGetValue(parameter, out var plain))
        {
            return _ => plain;
        }

        var literal = string.Join('/', pattern.PathSegments
            .TakeWhile(s => s.Parts.All(p => p is RoutePatternLiteralPart))
            .Select(s => string.Concat(s.Parts.Cast<RoutePatternLiteralPart>().Select(p => p.Content))));
        Func<AgencyObjects, Guid>? pick = (parameter, literal) switch
        {
            ("id", "applications" or "api/applications") => o => o.Application,
            ("id", "catalog-admin" or "catalog-admin/draft" or "catalog") => o => o.CatalogItem,
            ("id", "catalog/files") => o => o.CatalogFile,
            ("id", "agencies" or "admin/agencies") or ("agencyId", _) => o => o.Agency,
            ("id", "admin/users") => o => o.User,
            ("id", "supervision/rectifications") => o => o.Rectification,
            ("id", "supervision/spot-checks") => o => o.SpotCheck,
            ("id", "consultations" or "interaction/consultations") => o => o.Consultation,
            ("id", "messages" or "interaction/messages") => o => o.Message,
            ("letterId", _) => o => o.Letter,
            ("attachmentId", _) => o => o.Attachment,
            _ => null,
        };
        return pick is null
            ? throw new InvalidOperationException($"The route walk has no sample values for {{{parameter}}} in {pattern.RawText}: add them to {nameof(RouteSamples)}.")
            : o => [pick(o).ToString()];
    }

    private static string Format(RoutePattern pattern, Dictionary<string, string> values)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(values[parameter.Name]),
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return "/" + string.Join('/', segments).TrimEnd('/');
    }

    private static async Task<AgencyObjects> ObjectsAsync(GongkaiApp app, string agencyName, string handler)
    {
        var application = await ApplicantCases.ReceiveAsync(app, agencyName);
        await ApplicantCases.AppendAsync(app, application.Id, at => new Registered(at, ApplicantCases.Handler));

        // The letter is drafted and the file uploaded through the pages, as the agency's handler does.
        using var client = app.CreateBrowserClient();
        (await client.LoginAsync(handler)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.PostFormAsync($"/applications/{application.Id}/letters", [new("Kind", "Reply.Granted")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var uploads = scope.ServiceProvider.GetRequiredService<AttachmentUploads>();
        var attachment = await uploads.AddTextAsync(application.AgencyId, application.Id, AttachmentKind.Disclosed, "名单.txt", "示范县学校名单", visibleToApplicant: true, "测试");
        var published = await db.CatalogItems.Where(i => i.AgencyId == application.AgencyId && i.Status == CatalogStatus.Published).OrderBy(i => i.IndexNumber).FirstAsync();
        var catalogFile = await uploads.AddTextAsync(application.AgencyId, published.Id, AttachmentKind.Catalog, "附件.txt", "附件内容", visibleToApplicant: true, "测试");
        await db.SaveChangesAsync();
        var letter = await db.Letters.Where(l => l.ApplicationId == application.Id).Select(l => l.Id).SingleAsync();
        var user = await db.Users.Where(u => u.UserName == handler).Select(u => u.Id).SingleAsync();
        var rectification = await RectificationAsync(db, application.AgencyId);
        var consultation = await OpenConsultationAsync(db, application.AgencyId);
        var message = await PublishedMessageAsync(db, application.AgencyId);
        var spotCheck = await SpotCheckAsync(db, application.AgencyId, published.Id);
        return new AgencyObjects(agencyName, application.AgencyId, application.Id, letter, attachment.Id, published.Id, catalogFile.Id, user, rectification, consultation, message, spotCheck);
    }

    /// <summary>An agency in a county outside the demo region's 示范县, with a case, a letter, files, a published item and an account.</summary>
    private static async Task<AgencyObjects> AnotherCountyAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var city = await db.Regions.SingleAsync(r => r.Name == "新乡市");
        var county = new Region { Id = Guid.NewGuid(), ParentId = city.Id, Name = "另一县", Level = RegionLevel.County, Path = "" };
        county.Path = Region.ChildPath(city.Path, county.Id);
        var agency = new Agency { Id = Guid.NewGuid(), RegionId = county.Id, Name = "另一县教育局", Kind = AgencyKind.Department, ShortName = "另教", AcceptedChannels = 0b111111 };
        db.AddRange(county, agency);
        await db.SaveChangesAsync();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = "other-county", DisplayName = "另一县经办人", AgencyId = agency.Id };
        (await users.CreateAsync(user, Gongkai.Web.Demo.DemoData.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, Roles.Handler)).Succeeded.ShouldBeTrue();

        var application = await ApplicantCases.ReceiveAsync(app, agency.Name);
        var template = await db.Letters.AsNoTracking().FirstAsync();
        var letter = new LetterRecord
        {
            Id = Guid.NewGuid(),
            AgencyId = agency.Id,
            ApplicationId = application.Id,
            Kind = template.Kind,
            Recipient = "张三",
            Title = "另一县教育局政府信息公开申请答复书",
            Body = "张三：\n特此答复。",
        };
        db.Letters.Add(letter);
        var uploads = scope.ServiceProvider.GetRequiredService<AttachmentUploads>();
        var attachment = await uploads.AddTextAsync(agency.Id, application.Id, AttachmentKind.Disclosed, "名单.txt", "另一县学校名单", visibleToApplicant: true, "测试");
        var source = await db.CatalogItems.AsNoTracking().FirstAsync(i => i.Status == CatalogStatus.Published);

        // Search keys, like every number, are taken in the transaction that stores the item.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var item = CopyOf(source, agency, await CatalogSearchIndex.NextKeyAsync(db, source.PublishedOn!.Value));
        db.CatalogItems.Add(item);
        var catalogFile = await uploads.AddTextAsync(agency.Id, item.Id, AttachmentKind.Catalog, "附件.txt", "另一县附件", visibleToApplicant: true, "测试");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        var rectification = await RectificationAsync(db, agency.Id);
        var consultation = await OpenConsultationAsync(db, agency.Id);
        var message = await PublishedMessageAsync(db, agency.Id);
        var spotCheck = await SpotCheckAsync(db, agency.Id, item.Id);
        return new AgencyObjects(agency.Name, agency.Id, application.Id, letter.Id, attachment.Id, item.Id, catalogFile.Id, user.Id, rectification, consultation, message, spotCheck);
    }

    /// <summary>A rectification the county office raised to the agency, waiting for its answer.</summary>
    private static async Task<Guid> RectificationAsync(GongkaiDbContext db, Guid agency)
    {
        var office = await db.Agencies.Where(a => a.Name == "示范县人民政府办公室").Select(a => a.Id).SingleAsync();
        var record = new Gongkai.Data.Supervision.RectificationRecord
        {
            Id = Guid.NewGuid(),
            AgencyId = agency,
            RaisedByAgencyId = office,
            Source = Gongkai.Supervision.RectificationSource.Manual,
            Title = "政府信息公开指南未更新",
            Detail = "请更正指南中的地址。",
            RaisedOn = new DateOnly(2024, 6, 17),
            WorkingDays = 15,
            DueOn = new DateOnly(2024, 7, 8),
            RaisedBy = "陈静（监督人）",
        };
        db.Rectifications.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }

    /// <summary>A spot check the county office made of the agency, its one sampled item unchecked.</summary>
    private static async Task<Guid> SpotCheckAsync(GongkaiDbContext db, Guid agency, Guid item)
    {
        var office = await db.Agencies.Where(a => a.Name == "示范县人民政府办公室").Select(a => a.Id).SingleAsync();
        var check = new Gongkai.Data.Supervision.SpotCheckRecord
        {
            Id = Guid.NewGuid(),
            AgencyId = agency,
            RaisedByAgencyId = office,
            DrawnOn = new DateOnly(2024, 6, 17),
            Seed = 1,
            SampleSize = 1,
            Population = 1,
            ChecklistJson = System.Text.Json.JsonSerializer.Serialize(Gongkai.Supervision.SpotChecklist.Default, Json),
            CreatedBy = "陈静（监督人）",
        };
        db.SpotChecks.Add(check);
        db.SpotCheckItems.Add(new Gongkai.Data.Supervision.SpotCheckItemRecord { Id = Guid.NewGuid(), SpotCheckId = check.Id, Position = 1, CatalogItemId = item });
        await db.SaveChangesAsync();
        return check.Id;
    }

    /// <summary>A consultation open on the test clock's day, with a comment waiting for moderation.</summary>
    private static async Task<Guid> OpenConsultationAsync(GongkaiDbContext db, Guid agency)
    {
        var consultation = new Gongkai.Data.Interaction.Consultation
        {
            Id = Guid.NewGuid(),
            AgencyId = agency,
            Title = "路由测试草案",
            Kind = DraftKind.General,
            Description = "说明",
            DraftText = "草案",
            OpensOn = new DateOnly(2024, 6, 1),
            PeriodDays = 60,
            PeriodUnit = PeriodUnit.CalendarDays,
            ClosesOn = new DateOnly(2024, 7, 31),
            CreatedAtUtc = new DateTime(2024, 6, 1, 2, 0, 0, DateTimeKind.Utc),
            CreatedBy = "测试",
        };
        db.Consultations.Add(consultation);
        db.ConsultationComments.Add(new ConsultationComment { Id = Guid.NewGuid(), ConsultationId = consultation.Id, SubmittedAtUtc = new DateTime(2024, 6, 2, 2, 0, 0, DateTimeKind.Utc), Content = "意见", Status = CommentStatus.Pending });
        await db.SaveChangesAsync();
        return consultation.Id;
    }

    private static CatalogItem CopyOf(CatalogItem source, Agency agency, long key)
    {
        var id = Guid.NewGuid();
        return new CatalogItem
        {
            Id = id,
            SeriesId = id,
            AgencyId = agency.Id,
            Status = CatalogStatus.Published,
            Kind = source.Kind,
            Title = "另一县" + source.Title,
            Publisher = agency.Name,
            WrittenOn = source.WrittenOn,
            FormedOn = source.FormedOn,
            PublishedOn = source.PublishedOn,
            TopicCategoryId = source.TopicCategoryId,
            GenreCategoryId = source.GenreCategoryId,
            Summary = source.Summary,
            Keywords = source.Keywords,
            Body = source.Body,
            DraftedById = source.DraftedById,
            DraftedByName = source.DraftedByName,
            CreatedAtUtc = source.CreatedAtUtc,
            UpdatedAtUtc = source.UpdatedAtUtc,
            IndexNumber = "ZZ-" + source.IndexNumber,
            PublishedAtUtc = source.PublishedAtUtc,
            SearchKey = key,
        };
    }

    /// <summary>A message answered and published on the portal, rated by its writer.</summary>
    private static async Task<Guid> PublishedMessageAsync(GongkaiDbContext db, Guid agency)
    {
        var at = new DateTime(2024, 6, 3, 2, 0, 0, DateTimeKind.Utc);
        var message = new Message
        {
            Id = Guid.NewGuid(),
            AgencyId = agency,
            ReceiptCode = "RW" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            Category = MessageCategory.Inquiry,
            Title = "路由测试留言",
            Content = "留言内容",
            Phone = "13900001111",
            MayPublish = true,
            SubmittedAtUtc = at,
            ReceivedOn = new DateOnly(2024, 6, 3),
            DueOn = new DateOnly(2024, 6, 11),
            Reply = "答复内容",
            ReplyStatus = LetterStatus.Issued,
            RepliedOn = new DateOnly(2024, 6, 5),
            RepliedAtUtc = at.AddDays(2),
            PublishedAtUtc = at.AddDays(2),
            UpdatedAtUtc = at.AddDays(2),
        };
        db.Messages.Add(message);
        db.MessageEvents.Add(new MessageEvent { Id = Guid.NewGuid(), MessageId = message.Id, AtUtc = at, AgencyId = agency, Text = "收到咨询留言", Actor = "留言人", IsPublic = true });
        db.Ratings.Add(new Rating { Id = Guid.NewGuid(), Subject = RatedSubject.Message, SubjectId = message.Id, AgencyId = agency, Level = Satisfaction.Satisfied, RatedAtUtc = at.AddDays(3) });
        await db.SaveChangesAsync();
        return message.Id;
    }
}
