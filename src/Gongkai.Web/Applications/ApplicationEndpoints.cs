using System.Text.Json;
using Gongkai.Applications;
using Gongkai.Web.Applications.Actions;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Applications;

/// <summary>
/// The application desk's JSON API under <c>/api/applications</c>: online submission (anonymous, rate-limited per
/// client IP), the staff queue, one case with its deadline computation, and the lifecycle actions. JSON actions are
/// not form posts, so they need no antiforgery token: a cross-site page cannot send <c>application/json</c> without
/// a CORS preflight, and the session cookie is SameSite=Lax.
/// </summary>
public static class ApplicationEndpoints
{
    public static IServiceCollection AddApplicationDesk(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddScoped<ApplicationIntake>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseActions>();
        services.AddScoped<CaseViewer>();
        services.AddScoped<RelatedCases>();
        services.AddScoped<CaseTransfers>();
        services.AddInboxSource<ApplicationInbox>();
        return services;
    }

    public static IEndpointRouteBuilder MapApplications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/applications").WithTags("依申请公开").RequireAuthorization();
        group.MapPost("/", Submit)
            .Accepts<IntakeRequest>("application/json")
            .AllowAnonymous()
            .WithName("SubmitApplication")
            .WithSummary("在线提交政府信息公开申请")
            .WithDescription("公众在线提交申请（条例第二十九条），以提交当日为收到申请之日（双方确认）。成功时返回查询码、申请编号、收到日期和答复期限；"
                + "内容有误时返回 400 和逐项说明。按客户端 IP 限流，与在线申请表共用同一额度（默认每小时 10 次，可用 PublicRateLimits:Submissions 和 "
                + "PublicRateLimits:SubmissionWindowMinutes 配置），计数保存在各节点内存中，多节点部署时每个节点分别计数，超出时返回 429。");
        group.MapGet("/", GetQueue)
            .WithName("ListApplications")
            .WithSummary("申请队列（按答复期限排序）")
            .WithDescription("本机关工作人员：本机关的申请；监督人：所辖区域各机关的申请（不含申请人姓名）。未办结的在前，按答复期限先后排列；"
                + "筛选：status（" + string.Join("、", QueueStatuses.All.Select(s => s.Key)) + "）、"
                + "outcome、channel、applicantType、handler（用户 ID 或 none）、year（收到年份）、agency（监督人）、page。");
        group.MapGet("/{id:guid}", GetCase)
            .WithName("GetApplication")
            .WithSummary("一件申请：办理情况、答复期限及其计算过程、办理记录")
            .WithDescription("申请人的个人信息只向承办机关工作人员提供，每次提供都写入审计日志；身份证件号码、电话和地址部分隐藏（完整内容用 POST …/applicant/reveal 获取）。其他机关的申请：404。");
        group.MapPost("/{id:guid}/applicant/reveal", RevealApplicant)
            .WithName("RevealApplicant")
            .WithSummary("完整显示申请人的身份证件号码、电话和地址")
            .WithDescription("只向承办机关工作人员提供，每次都写入审计日志（显示申请人完整证件号码和联系方式）。其他机关的申请：404；监督人等无权查看个人信息的用户：403。");
        group.MapPost("/{id:guid}/actions/{action}", Act)
            .Accepts<CaseActionInput>("application/json")
            .WithName("ActOnApplication")
            .WithSummary("办理操作：登记、补正、征求意见、延期、收费、答复、送达、归档、撤回、分配经办人")
            .WithDescription("action 取值："
                + string.Join("；", CaseActionCatalog.All.Select(a => $"{a.Key}（{a.Label}，字段 {string.Join(", ", a.Fields)}{(a.FieldNote is { } note ? "；" + note : "")}）：{a.Description}"))
                + "。请求体可带 version（读取时的版本号），版本已变化时返回 409。办理规则不允许时返回 409 和原因（code 为规则代码）。成功时返回办理后的申请（不含申请人个人信息）。");
        return app;
    }

    /// <summary>The applicant's receipt: the code to follow the case with (together with the phone number).</summary>
    /// <param name="ReceiptCode">The code to follow the case with.</param>
    /// <param name="Number">The registration number.</param>
    /// <param name="ReceivedOn">The receipt date (条例第三十一条).</param>
    /// <param name="DueOn">The reply deadline.</param>
    /// <param name="DueIsProvisional">True when the deadline depends on a year whose holiday notice is not loaded (暂定).</param>
    public sealed record SubmissionReceipt(string ReceiptCode, string Number, DateOnly ReceivedOn, DateOnly? DueOn, bool DueIsProvisional);

    public sealed record ApplicantDto(
        string Name,
        IdentityDocument? IdDocumentType,
        string? IdDocumentLabel,
        string? IdNumber,
        string? ContactPerson,
        string? Phone,
        string? Email,
        string? Address,
        string? PostalCode,
        string ReceiptCode);

    public sealed record DeadlineStepDto(DateOnly Date, DeadlineStepKind Kind, string Text);

    public sealed record DeadlineDayDto(DateOnly Date, DayTreatment Treatment, int? Ordinal, string? Note, string Text);

    /// <summary>The due date and how it was computed (the case engine's <see cref="DeadlineComputation"/>).</summary>
    public sealed record DeadlineDto(
        DateOnly? Due,
        DateOnly? OriginalDue,
        DateOnly Received,
        DateOnly CountFrom,
        int BaseWorkingDays,
        int ExtensionWorkingDays,
        int WorkingDaysCounted,
        bool AwaitingCorrection,
        bool HasOpenPause,
        bool IsProvisional,
        IReadOnlyList<int> MissingYears,
        IReadOnlyList<DeadlineStepDto> Steps,
        IReadOnlyList<DeadlineDayDto> Days,
        IReadOnlyList<string> Warnings,
        string Explanation);

    public sealed record EventDto(int Sequence, string Kind, string KindLabel, DateOnly Date, DateTime AtUtc, string ActorName, string Summary);

    public sealed record ActionDto(string Key, string Label, bool Available, string? Refusal);

    public sealed record ExtensionRequestDto(int WorkingDays, string? Reason, string? RequestedBy, DateOnly? RequestedOn);

    /// <summary>One case. <see cref="Applicant"/> is null unless the reader is the handling agency's staff.</summary>
    public sealed record CaseDto(
        Guid Id,
        string Number,
        int Version,
        Guid AgencyId,
        string AgencyName,
        ApplicantType ApplicantType,
        string ApplicantTypeLabel,
        ApplicantDto? Applicant,
        string Description,
        RequestedForm? RequestedForm,
        string? RequestedFormLabel,
        DeliveryPreference? DeliveryPreference,
        string? DeliveryPreferenceLabel,
        ReceiptChannel Channel,
        string ChannelLabel,
        string ReceiptRule,
        DateOnly ArrivedOn,
        DateOnly? ConfirmedOn,
        DateOnly ReceivedOn,
        CaseState State,
        string StateLabel,
        DeadlineStatus DeadlineStatus,
        string DeadlineLabel,
        Outcome? Outcome,
        string? OutcomeLabel,
        DateOnly? ConcludedOn,
        Guid? HandlerId,
        string? HandlerName,
        ExtensionRequestDto? PendingExtension,
        DeadlineDto Deadline,
        IReadOnlyList<EventDto> Events,
        IReadOnlyList<ActionDto> Actions);

    private static async Task<Results<Created<SubmissionReceipt>, ValidationProblem, ProblemHttpResult>> Submit(
        HttpRequest request, ApplicationIntake intake, Portal.PublicRateLimiter limiter, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        // One budget with the public form (PublicRateLimits:Submissions): the same person, the same action.
        if (!await limiter.TryAcquireAsync(Portal.PublicAction.Submit, request.HttpContext))
        {
            return TypedResults.Problem(
                detail: "提交过于频繁，请稍等一段时间后再提交。", title: "提交过于频繁", statusCode: StatusCodes.Status429TooManyRequests);
        }

        var (body, unreadable) = await ReadAsync<IntakeRequest>(request, typeof(IntakeRequest), json.Value, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var result = await intake.ReceiveAsync(body ?? new IntakeRequest(), online: true, cancellationToken);
        if (result.Application is not { } application)
        {
            return TypedResults.ValidationProblem(
                result.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => new[] { e.Value }),
                detail: "申请内容有误，请按各项提示修改后重新提交。",
                title: "申请内容有误");
        }

        return TypedResults.Created((string?)null, new SubmissionReceipt(application.ReceiptCode, application.Number, application.ReceivedOn, application.DueOn, application.DueIsProvisional));
    }

    private static async Task<Results<Ok<QueuePage>, ForbidHttpResult>> GetQueue(
        [AsParameters] QueueFilter filter, CaseAccess access, Calendar.CaseRulesProvider rulesProvider, Data.GongkaiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!access.IsAgencyStaff && !access.IsSupervisor)
        {
            return TypedResults.Forbid();
        }

        var scope = await access.VisibleScopeAsync(cancellationToken);
        var rules = await rulesProvider.GetAsync(cancellationToken);
        var namesFor = access.IsAgencyStaff ? access.AgencyId : (Guid?)null;
        return TypedResults.Ok(await QueueQuery.LoadAsync(db, scope, namesFor, filter, ChinaTime.Today(clock), rules, cancellationToken));
    }

    private static async Task<Results<Ok<CaseDto>, NotFound>> GetCase(Guid id, CaseViewer viewer, CancellationToken cancellationToken) =>
        await viewer.LoadAsync(id, showPersonalData: true, cancellationToken: cancellationToken) is { } details
            ? TypedResults.Ok(ToDto(details))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ApplicantDto>, NotFound, ForbidHttpResult>> RevealApplicant(Guid id, CaseViewer viewer, CancellationToken cancellationToken) =>
        await viewer.LoadAsync(id, showPersonalData: true, revealPersonalData: true, cancellationToken) switch
        {
            null => TypedResults.NotFound(),
            { RevealsPersonalData: false } => TypedResults.Forbid(),
            var details => TypedResults.Ok(Applicant(details)!),
        };

    private static ApplicantDto? Applicant(CaseDetails details)
    {
        var record = details.Record;
        return details.ShowsPersonalData
            ? new ApplicantDto(record.ApplicantName, record.IdDocumentType, record.IdDocumentType?.Label(), details.IdNumberShown, record.ContactPerson, details.PhoneShown, record.Email, details.AddressShown, record.PostalCode, record.ReceiptCode)
            : null;
    }

    private static async Task<Results<Ok<CaseDto>, NotFound, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> Act(
        Guid id, string action, HttpRequest request, CaseActions actions, CaseViewer viewer, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (CaseActionCatalog.Find(action) is not { } taken)
        {
            return TypedResults.NotFound();
        }

        // The body is the action's own input type, so each action reads exactly its fields.
        var (input, unreadable) = await ReadAsync<CaseActionInput>(request, taken.InputType, json.Value, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var result = await actions.ExecuteAsync(id, taken, input ?? taken.NewInput(), cancellationToken);
        switch (result.Status)
        {
            case CaseActionStatus.Done:
                var details = await viewer.LoadAsync(id, showPersonalData: false, cancellationToken: cancellationToken);
                return details is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(details));
            case CaseActionStatus.NotFound:
                return TypedResults.NotFound();
            case CaseActionStatus.Forbidden:
                return TypedResults.Problem(title: "没有权限", detail: result.Message, statusCode: StatusCodes.Status403Forbidden);
            case CaseActionStatus.Invalid:
                return TypedResults.ValidationProblem(
                    result.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => new[] { e.Value }),
                    detail: result.Message,
                    title: "操作内容有误");
            default:
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = result.Status == CaseActionStatus.Conflict ? "申请已被他人修改" : "办理规则不允许该操作",
                    Detail = result.Message,
                };
                problem.Extensions["code"] = result.Code is { } code ? JsonNamingPolicy.KebabCaseLower.ConvertName(code.ToString()) : "version-conflict";
                if (result.Errors.Count > 0)
                {
                    problem.Extensions["fields"] = result.Errors.Keys.Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();
                }

                return TypedResults.Conflict(problem);
        }
    }

    /// <summary>
    /// Reads a JSON body as <paramref name="type"/>; a body that is not JSON, or a field of the wrong form (a choice
    /// that is not one of its names, a date that is not yyyy-MM-dd), answers 400 naming the field.
    /// </summary>
    private static async Task<(T? Body, ValidationProblem? Problem)> ReadAsync<T>(
        HttpRequest request, Type type, Microsoft.AspNetCore.Http.Json.JsonOptions json, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return ((T?)await JsonSerializer.DeserializeAsync(request.Body, type, json.SerializerOptions, cancellationToken), null);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = ["格式不正确：选择项请用接口说明列出的英文名称，日期请用 yyyy-MM-dd。"] },
                detail: "请求内容不是有效的 JSON，或某一项的格式不正确。",
                title: "请求内容有误"));
        }
    }

    private static CaseDto ToDto(CaseDetails details)
    {
        var record = details.Record;
        var deadline = details.Deadline;
        return new CaseDto(
            record.Id,
            record.Number,
            record.Version,
            record.AgencyId,
            details.AgencyName,
            record.ApplicantType,
            record.ApplicantType.Label(),
            Applicant(details),
            record.Description,
            record.RequestedForm,
            record.RequestedForm?.Label(),
            record.DeliveryPreference,
            record.DeliveryPreference?.Label(),
            record.Channel,
            Receipt.Label(record.Channel),
            Receipt.ReceiptRule(record.Channel),
            record.ArrivedOn,
            record.ConfirmedOn,
            record.ReceivedOn,
            record.State,
            CaseStates.Label(record.State),
            details.Status,
            CaseLabels.Badge(details.Status).Text,
            record.Outcome,
            record.Outcome is { } outcome ? Outcomes.Get(outcome).Label : null,
            record.ConcludedOn,
            record.HandlerId,
            details.HandlerName,
            record.ExtensionRequestedDays is { } days
                ? new ExtensionRequestDto(days, record.ExtensionRequestReason, record.ExtensionRequestedByName, record.ExtensionRequestedOn)
                : null,
            new DeadlineDto(
                deadline.Due,
                deadline.OriginalDue,
                deadline.Received,
                deadline.CountFrom,
                deadline.BaseWorkingDays,
                deadline.ExtensionWorkingDays,
                deadline.WorkingDaysCounted,
                deadline.AwaitingCorrection,
                deadline.HasOpenPause,
                deadline.IsProvisional,
                deadline.MissingYears,
                [.. deadline.Steps.Select(s => new DeadlineStepDto(s.Date, s.Kind, s.Text))],
                [.. deadline.Days.Select(d => new DeadlineDayDto(d.Date, d.Treatment, d.Ordinal, d.Note, CaseText.Describe(d)))],
                deadline.Warnings,
                deadline.ToChinese()),
            [.. record.Events.OrderBy(e => e.Sequence).Select(e => new EventDto(e.Sequence, e.Kind, CaseText.EventLabel(e.Kind), e.Date, DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc), CaseLabels.Actor(e, details.ShowsPersonalData), e.Summary))],
            [.. details.Actions.Select(a => new ActionDto(a.Action.Key, a.Action.Label, a.Available, a.Refusal))]);
    }
}
