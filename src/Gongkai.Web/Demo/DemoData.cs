using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Microsoft.AspNetCore.Identity;

namespace Gongkai.Web.Demo;

/// <summary>
/// The demo region loaded into a new database: 河南省 → 新乡市 → 示范县, the county government office and five
/// departments, and one account per role. Everything is fictitious.
/// </summary>
internal sealed class DemoData(
    GongkaiDbContext db, UserManager<User> users, RoleManager<Role> roles, TimeProvider clock, IConfiguration configuration, IServiceProvider services)
{
    /// <summary>The password of every demo account (printed on start; change it in production).</summary>
    public const string Password = "Gongkai-2026";

    public static IReadOnlyList<(string UserName, string DisplayName, string Role, string Agency)> Accounts { get; } =
    [
        ("handler", "张明（经办人）", Roles.Handler, "示范县教育局"),
        ("reviewer", "李华（审核人）", Roles.Reviewer, "示范县教育局"),
        ("publisher", "王芳（发布人）", Roles.Publisher, "示范县教育局"),
        ("handler2", "赵强（经办人）", Roles.Handler, "示范县自然资源局"),
        ("supervisor", "陈静（监督人）", Roles.Supervisor, "示范县人民政府办公室"),
        ("admin", "刘洋（管理员）", Roles.Administrator, "示范县人民政府办公室"),
    ];

    public async Task SeedAsync()
    {
        var province = AddRegion(null, "河南省", "410000", RegionLevel.Province);
        var city = AddRegion(province, "新乡市", "410700", RegionLevel.City);
        var county = AddRegion(city, "示范县", "410799", RegionLevel.County);

        var order = 0;
        Agency AddAgency(string name, AgencyKind kind, string creditCode, string phone) => db.Agencies.Add(new Agency
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            RegionId = county.Id,
            Name = name,
            Kind = kind,
            CreditCode = creditCode,
            SortOrder = order++,
            OfficeName = name + (kind == AgencyKind.Government ? "" : "办公室"),
            Address = "示范县人民路 1 号",
            PostalCode = "453000",
            OfficeHours = "工作日 上午 8:30—12:00，下午 14:30—17:30",
            Phone = phone,
            Fax = phone,
            Email = "gk@" + creditCode.ToLowerInvariant() + ".example.gov.cn",
            Website = "https://www.example.gov.cn",
            AcceptedChannels = 0b111111,
        }).Entity;

        var agencies = new[]
        {
            AddAgency("示范县人民政府办公室", AgencyKind.Government, "11410799MB0000001X", "0373-5000001"),
            AddAgency("示范县教育局", AgencyKind.Department, "11410799MB0000002X", "0373-5000002"),
            AddAgency("示范县自然资源局", AgencyKind.Department, "11410799MB0000003X", "0373-5000003"),
            AddAgency("示范县住房和城乡建设局", AgencyKind.Department, "11410799MB0000004X", "0373-5000004"),
            AddAgency("示范县人力资源和社会保障局", AgencyKind.Department, "11410799MB0000005X", "0373-5000005"),
            AddAgency("示范县市场监督管理局", AgencyKind.Department, "11410799MB0000006X", "0373-5000006"),
        };
        string[] shortNames = ["示政办", "示教", "示自然资源", "示住建", "示人社", "示市监"];
        for (var i = 0; i < agencies.Length; i++)
        {
            agencies[i].ShortName = shortNames[i];
        }

        await db.SaveChangesAsync();

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new Role { Name = role });
            }
        }

        foreach (var (userName, displayName, role, agencyName) in Accounts)
        {
            var user = new User
            {
                UserName = userName,
                DisplayName = displayName,
                AgencyId = agencies.Single(a => a.Name == agencyName).Id,
                Email = userName + "@example.gov.cn",
                EmailConfirmed = true,
            };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, role));
        }

        // Demo:Applications=false gives the demo region and accounts without cases (tests that count their own cases).
        if (configuration.GetValue("Demo:Applications", true))
        {
            // Demo:ApplicationScale multiplies the volume for load measurements (bench/desk-load.sh); 1 is the demo.
            var scale = Math.Clamp(configuration.GetValue("Demo:ApplicationScale", 1), 1, 1000);
            await new DemoApplications(db, clock, scale).SeedAsync();
        }
        // Demo:Catalog=false leaves the catalogue empty (tests of the workspace's hand-entered table 二).
        if (configuration.GetValue("Demo:Catalog", true))
        {
            await CatalogDemoData.SeedAsync(db, clock);
            await DemoInteraction.SeedAsync(db, clock);
        }

        if (configuration.GetValue("Demo:Applications", true))
        {
            await ActivatorUtilities.CreateInstance<DemoAnnualReports>(services).SeedAsync();
        }

        if (configuration.GetValue("Demo:Applications", true))
        {
            await SupervisionDemoData.SeedAsync(db, clock, services);
        }

        // The generators number their rows themselves; the counters continue from there.
        await Data.Numbering.NumberCounters.RecountAsync(db);
    }

    private Region AddRegion(Region? parent, string name, string code, RegionLevel level)
    {
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        return db.Regions.Add(new Region
        {
            Id = id,
            ParentId = parent?.Id,
            Name = name,
            Code = code,
            Level = level,
            Path = Region.ChildPath(parent?.Path, id),
        }).Entity;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
