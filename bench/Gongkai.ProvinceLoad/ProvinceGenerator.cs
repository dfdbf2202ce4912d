using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.ProvinceLoad;

/// <summary>
/// Fills an empty database (its schema made by the platform's migrations) with a province: the region tree and its
/// agencies, supervisor accounts, applications with their reply letters, extension and correction events, reviews,
/// published catalogue items, rectifications and one quarterly scheme per region. The bulk tables are written by
/// set-based SQL — one <c>INSERT … SELECT</c> per chunk over <c>generate_series</c> on PostgreSQL or a recursive CTE
/// on SQLite — so the database, not the client, makes the rows. Everything is a function of the row number, so the
/// same shape gives the same data on both providers.
/// </summary>
/// <remarks>
/// Cases are snapshots (state, outcome, dates) with the events the indicators read (延期, 补正), not a history played
/// through the case engine: the supervision pages and queues read them; a generated case's own page is not a target.
/// Catalogue items have no search entries (bench/Gongkai.CatalogLoad makes a searchable catalogue).
/// </remarks>
public sealed class ProvinceGenerator(DatabaseOptions options, ProvinceShape shape, TextWriter log)
{
    /// <summary>The password of the generated accounts (the demo's).</summary>
    public const string Password = "Gongkai-2026";

    private const long Chunk = 250_000;

    /// <summary>How the platform stores a scheme's lines (Assessments.Json).</summary>
    private static readonly JsonSerializerOptions SchemeJson = new(JsonSerializerDefaults.Web);

    /// <summary>An event's fields as JSON: the generated events carry none.</summary>
    private const string EmptyData = "'{}'";

    /// <summary>The stored fields of an approved extension (the case engine's codec: camelCase, see CaseEventCodec).</summary>
    private const string ExtensionData = """'{"workingDays":20,"reason":"需要调取档案"}'""";

    /// <summary>The stored fields of a correction request whose period ends on the SQL date <paramref name="correctBy"/>.</summary>
    private static string CorrectionData(string correctBy) => $"""'{"{"}"correctBy":"' || CAST({correctBy} AS TEXT) || '","items":"申请内容的描述"{"}"}'""";

    private static readonly string[] CityNames =
        ["郑原", "开源", "洛川", "平岭", "安河", "鹤山", "新野", "焦泉", "濮城", "许昌", "漯川", "三门", "南阳", "商水", "信川", "周口", "驻马", "济源", "长垣", "巩义"];

    private static readonly string[] CountyNames = ["东城区", "西城区", "新安县", "宜阳县", "临河县", "长乐县", "平安县", "永和县", "清丰县", "太康县", "福山县", "安宁县"];

    private static readonly string[] Departments =
    [
        "教育局", "公安局", "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
        "农业农村局", "商务局", "文化广电和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "信访局",
        "发展和改革委员会", "工业和信息化局", "司法局", "退役军人事务局", "林业局", "城市管理局", "税务局", "粮食和物资储备局", "人民防空办公室", "地方金融监督管理局",
    ];

    private readonly bool _sqlite = string.Equals(options.Provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase);

    /// <summary>A region's id: every generated id is a function of its kind and number, the same on both providers.</summary>
    public static Guid Id(int kind, long number) =>
        Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"01900000-0000-7000-8{kind:000}-{number:X12}"));

    /// <summary>The index of the agency that receives a tenth of all cases (the first department of the province level: a large agency).</summary>
    public static int LargeAgency(ProvinceShape shape) => shape.Regions;

    public async Task GenerateAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var clock = Stopwatch.StartNew();
        if (shape.Agencies <= shape.Regions)
        {
            throw new InvalidOperationException($"{shape.Agencies} agencies cannot staff {shape.Regions} regions with departments.");
        }

        var builder = new DbContextOptionsBuilder<GongkaiDbContext>();
        builder.UseGongkaiDatabase(options);
        await using (var db = new GongkaiDbContext(builder.Options))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
            await db.Database.MigrateAsync(cancellationToken);
            if (await db.Agencies.AnyAsync(cancellationToken))
            {
                throw new InvalidOperationException("The database already has agencies; generate into an empty one.");
            }

            await log.WriteLineAsync($"schema ready ({clock.Elapsed.TotalSeconds:0.0} s); generating {shape}");
            await ReferenceAsync(db, cancellationToken);
            await log.WriteLineAsync($"regions, agencies, accounts, schemes and rectifications ({clock.Elapsed.TotalSeconds:0.0} s)");
        }

        await using var connection = new DbContextHolder(builder.Options);
        var sql = new Dialect(_sqlite);
        var today = shape.Days - 1;
        if (_sqlite)
        {
            foreach (var pragma in new[] { "PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-500000", "PRAGMA temp_store=MEMORY" })
            {
                await connection.ExecuteAsync(pragma, cancellationToken);
            }
        }

        await BulkAsync(connection, "cases", shape.Cases, (lo, hi) => CaseInsert(sql, lo, hi, today), clock, cancellationToken);
        await BulkAsync(connection, "reply letters", shape.Cases, (lo, hi) => LetterInsert(sql, lo, hi, today), clock, cancellationToken);
        await BulkAsync(connection, "extension and correction events", shape.Cases, (lo, hi) => EventInsert(sql, lo, hi, today), clock, cancellationToken);
        await BulkAsync(connection, "reviews", shape.Cases, (lo, hi) => ReviewInsert(sql, lo, hi, today), clock, cancellationToken);
        await BulkAsync(connection, "catalogue items", shape.Items, (lo, hi) => ItemInsert(sql, lo, hi), clock, cancellationToken);

        await log.WriteLineAsync("finishing (counters, analyze)");
        foreach (var statement in _sqlite ? Data.Numbering.NumberCounters.SqliteRecount : Data.Numbering.NumberCounters.PostgresRecount)
        {
            await connection.ExecuteAsync(statement, cancellationToken);
        }

        await connection.ExecuteAsync("ANALYZE", cancellationToken);
        if (_sqlite)
        {
            await connection.ExecuteAsync("PRAGMA journal_mode=DELETE", cancellationToken);
        }

        await log.WriteLineAsync($"done in {clock.Elapsed.TotalSeconds:0} s");
    }

    private async Task BulkAsync(DbContextHolder connection, string what, long count, Func<long, long, string> statement, Stopwatch clock, CancellationToken cancellationToken)
    {
        var started = clock.Elapsed;
        long rows = 0;
        for (long lo = 0; lo < count; lo += Chunk)
        {
            var hi = Math.Min(count, lo + Chunk) - 1;
            rows += await connection.ExecuteAsync(statement(lo, hi), cancellationToken);
            var seconds = (clock.Elapsed - started).TotalSeconds;
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{what}: {hi + 1:N0}/{count:N0} source rows, {rows:N0} written, {rows / Math.Max(seconds, 0.001):N0} rows/s ({clock.Elapsed.TotalSeconds:0} s)"));
        }
    }

    // ---- reference data: small, written through EF in one SaveChanges ----
    private async Task ReferenceAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        var regions = new List<Region>();
        var province = AddRegion(regions, 0, null, "示范省", "410000", RegionLevel.Province);
        for (var c = 0; c < shape.Cities; c++)
        {
            var cityName = CityNames[c % CityNames.Length] + (c >= CityNames.Length ? (c / CityNames.Length + 1).ToString(CultureInfo.InvariantCulture) : "") + "市";
            var city = AddRegion(regions, 1 + c, province, cityName, string.Create(CultureInfo.InvariantCulture, $"41{c + 1:00}00"), RegionLevel.City);
            for (var k = 0; k < shape.CountiesPerCity; k++)
            {
                var county = CountyNames[k % CountyNames.Length] + (k >= CountyNames.Length ? (k / CountyNames.Length + 1).ToString(CultureInfo.InvariantCulture) : "");
                AddRegion(regions, 1 + shape.Cities + (c * shape.CountiesPerCity) + k, city, cityName[..^1] + county,
                    string.Create(CultureInfo.InvariantCulture, $"41{c + 1:00}{k + 1:00}"), RegionLevel.County);
            }
        }

        db.Regions.AddRange(regions);
        for (var a = 0; a < shape.Agencies; a++)
        {
            var region = regions[a % shape.Regions];
            var local = a / shape.Regions;
            var department = local == 0 ? "人民政府办公室"
                : Departments[(local - 1) % Departments.Length] + (local - 1 >= Departments.Length ? ((local - 1) / Departments.Length + 1).ToString(CultureInfo.InvariantCulture) : "");
            var name = region.Name + department;
            db.Agencies.Add(new Agency
            {
                Id = Id(1, a), RegionId = region.Id, Name = name, Kind = local == 0 ? AgencyKind.Government : AgencyKind.Department,
                CreditCode = string.Create(CultureInfo.InvariantCulture, $"11{region.Code}MB{a:0000000}X"), SortOrder = local,
                OfficeName = local == 0 ? name : name + "办公室", Address = region.Name + "人民路 1 号", PostalCode = "450000",
                OfficeHours = "工作日 8:30—17:30", Phone = string.Create(CultureInfo.InvariantCulture, $"0371-{6000000 + a}"), AcceptedChannels = 63,
            });
        }

        var now = shape.Until.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        foreach (var role in Roles.All)
        {
            db.Roles.Add(new Role { Id = Guid.NewGuid(), Name = role, NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }

        await db.SaveChangesAsync(cancellationToken);
        var hasher = new PasswordHasher<User>();
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        void Account(string userName, string displayName, int agency, params string[] roles)
        {
            var user = new User
            {
                Id = Id(9, agency * 10L + roles.Length), UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = displayName,
                AgencyId = Id(1, agency), SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
            };
            user.PasswordHash = hasher.HashPassword(user, Password);
            db.Users.Add(user);
            foreach (var role in roles)
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[role] });
            }
        }

        Account("supervisor", "省级监督人", 0, Roles.Supervisor, Roles.Administrator);
        Account("city-supervisor", "市级监督人", 1, Roles.Supervisor);
        Account("county-supervisor", "县级监督人", 1 + shape.Cities, Roles.Supervisor);
        Account("handler", "经办人（大机关）", LargeAgency(shape), Roles.Handler, Roles.Reviewer, Roles.Publisher);

        var indicators = JsonSerializer.Serialize(AssessmentSchemes.DefaultIndicators, SchemeJson);
        var rectifications = 0;
        for (var r = 0; r < shape.Regions; r++)
        {
            db.AssessmentSchemes.Add(new AssessmentSchemeRecord
            {
                Id = Id(30, r), RegionId = Id(0, r), Kind = PeriodKind.Quarter, Version = 1, EffectiveFrom = AssessmentPeriod.OfQuarter(shape.Start.Year, 1).Key,
                IndicatorsJson = indicators, Note = "批量生成", CreatedAtUtc = shape.Start.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), CreatedBy = "批量生成",
            });

            // Three rectifications per region, to departments of the region: one closed, one awaiting verification, one overdue.
            var departments = (shape.Agencies - 1 - r) / shape.Regions;
            for (var k = 0; k < Math.Min(3, departments); k++)
            {
                var agency = r + (shape.Regions * (1 + k));
                var raised = shape.Until.AddDays(-40 + (k * 7));
                var due = raised.AddDays(14);
                db.Rectifications.Add(new RectificationRecord
                {
                    Id = Id(31, rectifications++), AgencyId = Id(1, agency), RaisedByAgencyId = Id(1, r), Source = RectificationSource.OverdueCase,
                    Title = "逾期答复整改", Detail = "批量生成：请说明逾期原因并整改。", RaisedOn = raised, WorkingDays = 10, DueOn = due,
                    State = k switch { 0 => RectificationState.Closed, 1 => RectificationState.Answered, _ => RectificationState.Raised },
                    Answer = k < 2 ? "已整改。" : null, AnsweredOn = k < 2 ? raised.AddDays(5) : null, ClosedOn = k == 0 ? raised.AddDays(8) : null,
                    RaisedBy = "批量生成", CreatedAtUtc = now, UpdatedAtUtc = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private Region AddRegion(List<Region> regions, int index, Region? parent, string name, string code, RegionLevel level)
    {
        var id = Id(0, index);
        var region = new Region { Id = id, ParentId = parent?.Id, Name = name, Code = code, Level = level, Path = Region.ChildPath(parent?.Path, id) };
        regions.Add(region);
        return region;
    }

    // ---- bulk tables: one statement per chunk ----

    /// <summary>
    /// The derived columns of cases <paramref name="lo"/>..<paramref name="hi"/> as a CTE named c: agency index, received
    /// day (offset from the start), due and concluded offsets, outcome, channel, applicant type, extension, correction,
    /// review. "Random" fields are (i × prime + k) mod 1,000,003, a different prime per field.
    /// </summary>
    private string Cases(Dialect sql, long lo, long hi, int today)
    {
        string H(int field) => string.Create(CultureInfo.InvariantCulture, $"((i * {Primes[field]} + {field * 7 + 3}) % 1000003)");
        var n = shape.Agencies;
        return string.Create(CultureInfo.InvariantCulture, $"""
            {sql.Series(lo, hi)},
            c0 AS (SELECT i,
                CASE WHEN {H(1)} % 10 = 0 THEN {LargeAgency(shape)} ELSE {H(2)} % {n} END AS a,
                i * {shape.Days} / {shape.Cases} AS rd,
                CASE WHEN {H(4)} % 1000 < 50 THEN 1 ELSE 0 END AS ext,
                CASE WHEN {H(10)} % 1000 < 40 THEN 1 ELSE 0 END AS corr,
                CASE WHEN {H(5)} % 1000 < 30 THEN 1 ELSE 0 END AS late,
                {H(3)} AS h3, {H(6)} % 1000 AS o, {H(7)} AS o2, {H(8)} % 100 AS ch, {H(9)} % 100 AS at, {H(11)} % 1000 AS rv, {H(12)} AS h12
                FROM s),
            c1 AS (SELECT c0.*, CASE WHEN ext = 1 THEN 56 ELSE 28 END AS due,
                CASE WHEN late = 1 THEN (CASE WHEN ext = 1 THEN 56 ELSE 28 END) + 1 + h3 % 15 WHEN ext = 1 THEN 25 + h3 % 30 ELSE 3 + h3 % 22 END AS dd
                FROM c0),
            c AS (SELECT c1.*, CASE WHEN rd + dd <= {today} THEN rd + dd END AS cd,
                CASE WHEN o < 560 THEN 0 WHEN o < 680 THEN 1 WHEN o < 720 THEN 2 + o2 % 8 WHEN o < 840 THEN 10 + o2 % 3 WHEN o < 960 THEN 13 + o2 % 5 ELSE 20 END AS oc
                FROM c1)
            """);
    }

    private static readonly long[] Primes = [0, 7919, 104729, 15485863, 32452843, 49979687, 67867967, 86028121, 104395301, 122949823, 141650939, 160481183, 179424673, 198491317];

    private string CaseInsert(Dialect sql, long lo, long hi, int today)
    {
        var received = sql.Day(shape.Start, "rd");
        var concluded = sql.Day(shape.Start, "cd");
        return $"""
            INSERT INTO "Applications" ("Id", "AgencyId", "Number", "ReceiptCode", "ApplicantType", "ApplicantName", "Phone", "Description",
                "Channel", "ArrivedOn", "ConfirmedOn", "SubmittedOnline", "ReceivedOn", "State", "DueOn", "DueIsProvisional", "Outcome", "ConcludedOn",
                "CreatedAtUtc", "UpdatedAtUtc", "Version")
            {Cases(sql, lo, hi, today)}
            SELECT {sql.Guid(2, "i")}, {sql.Guid(1, "a")}, {sql.Year(received)} || '-' || i, 'R' || i,
                CASE WHEN at < 85 THEN 0 WHEN at < 92 THEN 1 WHEN at < 95 THEN 2 WHEN at < 97 THEN 3 WHEN at < 99 THEN 4 ELSE 5 END,
                '申请人' || (i % 997), '1380000' || (1000 + i % 9000), '关于第' || (i % 5000) || '号项目审批文件的公开申请',
                CASE WHEN ch < 55 THEN 3 WHEN ch < 70 THEN 1 WHEN ch < 80 THEN 2 WHEN ch < 95 THEN 0 WHEN ch < 98 THEN 4 ELSE 5 END,
                {received}, CASE WHEN ch < 55 OR (ch >= 70 AND ch < 80) OR ch >= 95 THEN {received} END, ch < 55, {received},
                CASE WHEN cd IS NULL THEN (CASE WHEN corr = 1 THEN 2 ELSE 1 END) WHEN cd < {today - 60} THEN 5 ELSE 4 END,
                {sql.Day(shape.Start, "rd + due")}, FALSE, CASE WHEN cd IS NOT NULL THEN oc END, {concluded},
                {sql.At(received)}, {sql.At($"COALESCE({concluded}, {received})")}, 1
            FROM c
            """;
    }

    private string LetterInsert(Dialect sql, long lo, long hi, int today)
    {
        var concluded = sql.Day(shape.Start, "cd");
        var kinds = string.Join(" ", Enum.GetValues<Outcome>().Select(o => string.Create(CultureInfo.InvariantCulture, $"WHEN {(int)o} THEN 'Reply.{o}'")));
        return $"""
            INSERT INTO "Letters" ("Id", "AgencyId", "ApplicationId", "Kind", "Number", "Recipient", "Title", "Body", "Status", "IssuedOn",
                "ApprovedByName", "ApprovedAtUtc", "CreatedAtUtc", "UpdatedAtUtc", "VisibleToApplicant", "SubmittedAtUtc", "SubmittedByName", "IssuedByName", "IssuedAtUtc")
            {Cases(sql, lo, hi, today)}
            SELECT {sql.Guid(13, "i")}, {sql.Guid(1, "a")}, {sql.Guid(2, "i")}, CASE oc {kinds} END, '依申请公开答复〔' || {sql.Year(concluded)} || '〕' || i || '号',
                '申请人' || (i % 997), '政府信息公开申请答复书', '（批量生成的答复书正文）', 5, {concluded},
                '审核人', {sql.At(concluded)}, {sql.At(concluded)}, {sql.At(concluded)}, TRUE, {sql.At(concluded)}, '经办人', '经办人', {sql.At(concluded)}
            FROM c WHERE cd IS NOT NULL
            """;
    }

    /// <summary>
    /// The events the case engine replays (the desk queue and the case page replay them): a case with a correction
    /// request or an extension is registered on its receipt day, asked for a correction 3 days later (15 days to answer;
    /// received after 8 days unless the case still waits for it), and granted 20 more working days after 18 days unless
    /// it still waits for the correction. Cases with neither keep no events (they replay as received; their state is
    /// the snapshot's).
    /// </summary>
    private string EventInsert(Dialect sql, long lo, long hi, int today) => $"""
        INSERT INTO "ApplicationEvents" ("Id", "ApplicationId", "Sequence", "Kind", "AtUtc", "Date", "ActorName", "ActorRole", "Data", "Summary")
        {Cases(sql, lo, hi, today)}
        SELECT {sql.Guid(15, "i")}, {sql.Guid(2, "i")}, 1, '{nameof(CaseEventKind.Registered)}', {sql.At(sql.Day(shape.Start, "rd"))}, {sql.Day(shape.Start, "rd")},
            '经办人', 0, {EmptyData}, '登记申请'
        FROM c WHERE (corr = 1 AND rd + 3 <= {today}) OR (ext = 1 AND rd + 18 <= {today} AND NOT (corr = 1 AND cd IS NULL))
        UNION ALL
        SELECT {sql.Guid(11, "i")}, {sql.Guid(2, "i")}, 2, '{nameof(CaseEventKind.CorrectionRequested)}', {sql.At(sql.Day(shape.Start, "rd + 3"))}, {sql.Day(shape.Start, "rd + 3")},
            '经办人', 0, {CorrectionData(sql.Day(shape.Start, "rd + 18"))}, '告知申请人补正申请内容'
        FROM c WHERE corr = 1 AND rd + 3 <= {today}
        UNION ALL
        SELECT {sql.Guid(16, "i")}, {sql.Guid(2, "i")}, 3, '{nameof(CaseEventKind.CorrectionReceived)}', {sql.At(sql.Day(shape.Start, "rd + 8"))}, {sql.Day(shape.Start, "rd + 8")},
            '经办人', 0, {EmptyData}, '收到补正'
        FROM c WHERE corr = 1 AND cd IS NOT NULL AND rd + 8 <= {today}
        UNION ALL
        SELECT {sql.Guid(12, "i")}, {sql.Guid(2, "i")}, 4, '{nameof(CaseEventKind.ExtensionApproved)}', {sql.At(sql.Day(shape.Start, "rd + 18"))}, {sql.Day(shape.Start, "rd + 18")},
            '审核人', 1, {ExtensionData}, '延长答复期限 20 个工作日'
        FROM c WHERE ext = 1 AND rd + 18 <= {today} AND NOT (corr = 1 AND cd IS NULL)
        """;

    private string ReviewInsert(Dialect sql, long lo, long hi, int today) => $"""
        INSERT INTO "Reviews" ("Id", "AgencyId", "ApplicationId", "Kind", "FiledOn", "Result", "ConcludedOn", "Body", "UpdatedAtUtc")
        {Cases(sql, lo, hi, today)}
        SELECT {sql.Guid(14, "i")}, {sql.Guid(1, "a")}, {sql.Guid(2, "i")}, CASE WHEN h12 % 10 < 7 THEN 0 WHEN h12 % 10 < 9 THEN 1 ELSE 2 END,
            {sql.Day(shape.Start, "cd + 20")}, CASE WHEN cd + 80 > {today} THEN 3 WHEN o2 % 10 < 7 THEN 0 WHEN o2 % 10 < 9 THEN 1 ELSE 2 END,
            CASE WHEN cd + 80 <= {today} THEN {sql.Day(shape.Start, "cd + 80")} END, '示范省人民政府', {sql.At(sql.Day(shape.Start, "cd + 20"))}
        FROM c WHERE rv < 8 AND cd IS NOT NULL AND cd + 20 <= {today}
        """;

    private string ItemInsert(Dialect sql, long lo, long hi)
    {
        var published = sql.Day(shape.Start, "pd");
        var formed = sql.Day(shape.Start, "pd - lag");
        var firstDay = (long)shape.Start.DayNumber;
        return string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO "CatalogItems" ("Id", "AgencyId", "SeriesId", "Version", "Status", "Kind", "IndexNumber", "Title", "Publisher",
                "WrittenOn", "PublishedOn", "FormedOn", "Mode", "Summary", "Keywords", "Body",
                "DraftedById", "DraftedByName", "CreatedAtUtc", "UpdatedAtUtc", "PublishedAtUtc", "SearchKey", "Revision")
            {sql.Series(lo, hi)},
            c AS (SELECT i, i % {shape.Agencies} AS a, i * {shape.Days} / {Math.Max(1, shape.Items)} AS pd,
                CASE WHEN ((i * 7919 + 5) % 1000003) % 100 < 8 THEN 30 + (i * 104729) % 1000003 % 30 ELSE (i * 104729) % 1000003 % 20 END AS lag FROM s)
            SELECT {sql.Guid(20, "i")}, {sql.Guid(1, "a")}, {sql.Guid(20, "i")}, 1, 5, 1, 'GK' || a || '-' || i, '关于印发第' || i || '号工作方案的通知', '发布机关',
                {formed}, {published}, {formed}, 1, '批量生成的主动公开信息。', '工作方案', '（正文）',
                '{(_sqlite ? "00000000-0000-0000-0000-000000000000" : Guid.Empty.ToString())}', '批量生成', {sql.At(published)}, {sql.At(published)}, {sql.At(published)},
                ({firstDay} + pd) * {Data.Catalog.CatalogSearchIndex.KeysPerDay} + i % {Data.Catalog.CatalogSearchIndex.KeysPerDay}, 0
            FROM c
            """);
    }

    /// <summary>The SQL that differs between the providers: the row source, ids, dates and timestamps.</summary>
    private sealed class Dialect(bool sqlite)
    {
        /// <summary>WITH … s(i): the row numbers lo..hi.</summary>
        public string Series(long lo, long hi) => sqlite
            ? string.Create(CultureInfo.InvariantCulture, $"WITH RECURSIVE s(i) AS (SELECT {lo} UNION ALL SELECT i + 1 FROM s WHERE i < {hi})")
            : string.Create(CultureInfo.InvariantCulture, $"WITH RECURSIVE s(i) AS (SELECT generate_series({lo}::bigint, {hi}::bigint))");

        /// <summary>The id <see cref="Id"/> makes, in the provider's form (SQLite: upper-case text, as EF Core writes it).</summary>
        public string Guid(int kind, string number) => sqlite
            ? string.Create(CultureInfo.InvariantCulture, $"printf('01900000-0000-7000-8{kind:000}-%012X', {number})")
            : string.Create(CultureInfo.InvariantCulture, $"CAST('01900000-0000-7000-8{kind:000}-' || lpad(to_hex({number}), 12, '0') AS uuid)");

        public string Day(DateOnly start, string offset) => sqlite
            ? $"date('{start:yyyy-MM-dd}', ({offset}) || ' days')"
            : $"(DATE '{start:yyyy-MM-dd}' + CAST({offset} AS integer))";

        public string Year(string day) => sqlite ? $"CAST(strftime('%Y', {day}) AS INTEGER)" : $"CAST(extract(year FROM {day}) AS integer)";

        /// <summary>02:00 UTC of a day (10:00 in China), as the provider stores a UTC timestamp.</summary>
        public string At(string day) => sqlite ? $"({day} || ' 02:00:00')" : $"(CAST({day} AS timestamp) + interval '2 hours') AT TIME ZONE 'UTC'";
    }

    /// <summary>One open connection of the platform's context for the bulk statements (no timeout, no tracking).</summary>
    private sealed class DbContextHolder(DbContextOptions<GongkaiDbContext> contextOptions) : IAsyncDisposable
    {
        private readonly GongkaiDbContext _db = new(contextOptions);
        private DbConnection? _connection;

        public async Task<int> ExecuteAsync(string statement, CancellationToken cancellationToken)
        {
            if (_connection is null)
            {
                _connection = _db.Database.GetDbConnection();
                await _connection.OpenAsync(cancellationToken);
            }

            await using var command = _connection.CreateCommand();
            command.CommandText = statement;
            command.CommandTimeout = 0;
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (_connection is not null)
            {
                await _connection.CloseAsync();
            }

            await _db.DisposeAsync();
        }
    }
}
