using Gongkai.Web;
using Gongkai.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddGongkai();

var app = builder.Build();
app.UseGongkai();
await app.PrepareDatabaseAsync();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();

/// <summary>The web application's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program
{
}
