using Gongkai.Data;
using Gongkai.Data.Accounts;
using Microsoft.Extensions.Options;

namespace Gongkai.Web;

/// <summary>What the console says when the platform is up: where it is and how to sign in to the demo.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        Console.WriteLine();
        Console.WriteLine("Gongkai 公开 已启动。");
        foreach (var url in app.Urls)
        {
            Console.WriteLine($"  地址：{url}");
        }

        Console.WriteLine($"  数据库：{options.Provider}（{Redact(options.ConnectionString)}）");
        if (app.Configuration.GetValue("Demo:Seed", true))
        {
            Console.WriteLine($"  演示账号（密码均为 {Demo.DemoData.Password}）：");
            foreach (var (userName, displayName, role, agency) in Demo.DemoData.Accounts)
            {
                Console.WriteLine($"    {userName,-11} {Roles.Title(role)}  {agency}  {displayName}");
            }
        }

        Console.WriteLine();
    }

    private static string Redact(string connectionString) =>
        System.Text.RegularExpressions.Regex.Replace(connectionString, "(?i)(password|pwd)=[^;]*", "$1=***");
}
