using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Data.AnnualReports;
using Gongkai.Data.Applications;
using Gongkai.Data.Audit;
using Gongkai.Data.Calendar;
using Gongkai.Data.Catalog;
using Gongkai.Data.Infrastructure;
using Gongkai.Data.Notifications;
using Gongkai.Data.Numbering;
using Gongkai.Data.Supervision;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Data;

/// <summary>
/// The one DbContext of the platform, used directly by handlers and pages (no repository layer: see
/// docs/adr/0003-platform-data.md). Entity configurations live next to their entities.
/// </summary>
public sealed class GongkaiDbContext(DbContextOptions<GongkaiDbContext> options)
    : IdentityDbContext<User, Role, Guid>(options)
{
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationTemplate> NotificationTemplates => Set<NotificationTemplate>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<NotificationKey> NotificationKeys => Set<NotificationKey>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();

    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();

    public DbSet<ApplicationRecord> Applications => Set<ApplicationRecord>();

    public DbSet<ApplicationEventRecord> ApplicationEvents => Set<ApplicationEventRecord>();

    public DbSet<ApplicationLinkRecord> ApplicationLinks => Set<ApplicationLinkRecord>();

    public DbSet<ReviewCaseRecord> Reviews => Set<ReviewCaseRecord>();

    public DbSet<AttachmentRecord> Attachments => Set<AttachmentRecord>();

    public DbSet<LetterRecord> Letters => Set<LetterRecord>();

    public DbSet<LetterTemplateRecord> LetterTemplates => Set<LetterTemplateRecord>();

    public DbSet<CalendarDayRecord> CalendarDays => Set<CalendarDayRecord>();

    public DbSet<AnnualReportRecord> AnnualReports => Set<AnnualReportRecord>();

    public DbSet<CollectedReportRecord> CollectedReports => Set<CollectedReportRecord>();
    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();

    public DbSet<CatalogReviewStep> CatalogReviewSteps => Set<CatalogReviewStep>();

    public DbSet<CatalogCategory> CatalogCategories => Set<CatalogCategory>();


    public DbSet<CatalogSettings> CatalogSettings => Set<CatalogSettings>();

    public DbSet<NumberCounter> NumberCounters => Set<NumberCounter>();

    public DbSet<Interaction.Consultation> Consultations => Set<Interaction.Consultation>();

    public DbSet<Interaction.ConsultationComment> ConsultationComments => Set<Interaction.ConsultationComment>();

    public DbSet<Interaction.Message> Messages => Set<Interaction.Message>();

    public DbSet<Interaction.MessageEvent> MessageEvents => Set<Interaction.MessageEvent>();

    public DbSet<Interaction.Rating> Ratings => Set<Interaction.Rating>();

    public DbSet<Interaction.MessageReplyPeriod> MessageReplyPeriods => Set<Interaction.MessageReplyPeriod>();

    public DbSet<Interaction.PublicationChannel> PublicationChannels => Set<Interaction.PublicationChannel>();

    public DbSet<Interaction.CatalogItemChannel> CatalogItemChannels => Set<Interaction.CatalogItemChannel>();

    public DbSet<Interaction.ChannelMonthlyCount> ChannelMonthlyCounts => Set<Interaction.ChannelMonthlyCount>();

    public DbSet<Interaction.FaqEntry> FaqEntries => Set<Interaction.FaqEntry>();

    public DbSet<Interaction.UnansweredQuestion> UnansweredQuestions => Set<Interaction.UnansweredQuestion>();

    public DbSet<AssessmentSchemeRecord> AssessmentSchemes => Set<AssessmentSchemeRecord>();

    public DbSet<AssessmentResultRecord> AssessmentResults => Set<AssessmentResultRecord>();

    public DbSet<AssessmentSnapshotRecord> AssessmentSnapshots => Set<AssessmentSnapshotRecord>();

    public DbSet<ReportFindingsRecord> ReportFindings => Set<ReportFindingsRecord>();

    public DbSet<ManualScoreRecord> ManualScores => Set<ManualScoreRecord>();

    public DbSet<RectificationRecord> Rectifications => Set<RectificationRecord>();

    public DbSet<SpotCheckRecord> SpotChecks => Set<SpotCheckRecord>();

    public DbSet<SpotCheckItemRecord> SpotCheckItems => Set<SpotCheckItemRecord>();

    public DbSet<SpotCheckProblemRecord> SpotCheckProblems => Set<SpotCheckProblemRecord>();

    public DbSet<SpotChecklistRecord> SpotChecklists => Set<SpotChecklistRecord>();

    public DbSet<Jobs.RenderJob> RenderJobs => Set<Jobs.RenderJob>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GongkaiDbContext).Assembly);
    }
}
