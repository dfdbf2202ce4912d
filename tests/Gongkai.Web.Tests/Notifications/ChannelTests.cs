using System.Collections.Concurrent;
using System.Text.Json;
using Gongkai.Data;
using Gongkai.Data.Notifications;
using Gongkai.Tests.Data;
using Gongkai.Web.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Notifications;

/// <summary>E-mail through SMTP (MailKit) and SMS through an HTTP gateway, each against a server in the test process.</summary>
public class ChannelTests
{
    private const string Body = "王五：示范县教育局已收到您的政府信息公开申请，编号 2024-0001，答复期限 2024年7月15日。";

    [Fact]
    public async Task An_email_reaches_the_smtp_server_with_its_subject_recipient_and_chinese_body()
    {
        await using var smtp = new TestSmtpServer();
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        app.Settings["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Notifications:Smtp:Security"] = "None";
        app.Settings["Notifications:Smtp:From"] = "gongkai@example.gov.cn";
        var id = await EnqueueAsync(app, NotificationChannel.Email, "wangwu@example.cn");

        (await SendAsync(app)).ShouldBe(1);

        var (to, message) = (await smtp.WaitForAsync(1)).Single();
        to.ShouldBe(["wangwu@example.cn"]);
        message.Subject.ShouldBe("您的政府信息公开申请已收到");
        message.From.Mailboxes.Single().Address.ShouldBe("gongkai@example.gov.cn");
        message.From.Mailboxes.Single().Name.ShouldBe("政府信息公开平台");
        message.TextBody!.TrimEnd().ShouldBe(Body);
        var row = await RowAsync(app, id);
        row.SentAtUtc.ShouldNotBeNull();
        row.Failure.ShouldBeNull();
    }

    [Fact]
    public async Task An_smtp_server_that_cannot_be_reached_leaves_the_claim_and_the_reason()
    {
        int closedPort;
        await using (var gone = new TestSmtpServer())
        {
            closedPort = gone.Port;
        }

        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        app.Settings["Notifications:Smtp:Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Notifications:Smtp:Security"] = "None";
        app.Settings["Notifications:Smtp:From"] = "gongkai@example.gov.cn";
        var id = await EnqueueAsync(app, NotificationChannel.Email, "wangwu@example.cn");

        (await SendAsync(app)).ShouldBe(0);

        var row = await RowAsync(app, id);
        row.ClaimedBy.ShouldNotBeNull();
        row.SentAtUtc.ShouldBeNull();
        row.Failure.ShouldNotBeNullOrWhiteSpace();
        (await SendAsync(app)).ShouldBe(0, "a failed row is not retried blindly");
    }

    [Fact]
    public async Task An_sms_goes_to_the_configured_gateway_with_its_body_template_and_api_key_and_a_refusal_is_kept()
    {
        var received = new ConcurrentQueue<(string Body, string? Key, string? ContentType)>();
        var status = StatusCodes.Status200OK;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var gateway = builder.Build();
        gateway.MapPost("/sms/send", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            received.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["X-Api-Key"].ToString(), context.Request.ContentType));
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(status == StatusCodes.Status200OK ? "{\"code\":0}" : "{\"code\":40001,\"msg\":\"签名未报备\"}");
        });
        await gateway.StartAsync();
        var address = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Notifications:Sms:Url"] = address + "/sms/send";
        app.Settings["Notifications:Sms:Body"] = """{"mobile":"{phone}","content":"{text}","sign":"示范县"}""";
        app.Settings["Notifications:Sms:Headers:X-Api-Key"] = "key-123";
        var sent = await EnqueueAsync(app, NotificationChannel.Sms, "13812345678", Body + "“请注意\"引号\"”");

        (await SendAsync(app)).ShouldBe(1);

        var (json, key, contentType) = received.Single();
        key.ShouldBe("key-123");
        contentType.ShouldBe("application/json; charset=utf-8");
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("mobile").GetString().ShouldBe("13812345678");
        document.RootElement.GetProperty("content").GetString().ShouldBe(Body + "“请注意\"引号\"”");
        document.RootElement.GetProperty("sign").GetString().ShouldBe("示范县");
        (await RowAsync(app, sent)).SentAtUtc.ShouldNotBeNull();

        status = StatusCodes.Status400BadRequest;
        var refused = await EnqueueAsync(app, NotificationChannel.Sms, "13812345678", Body);
        (await SendAsync(app)).ShouldBe(0);
        var row = await RowAsync(app, refused);
        row.SentAtUtc.ShouldBeNull();
        row.ClaimedBy.ShouldNotBeNull();
        row.Failure.ShouldBe("短信网关返回 400：{\"code\":40001,\"msg\":\"签名未报备\"}");
        await gateway.StopAsync();
    }

    private static async Task<int> SendAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationSender>().RunAsync(CancellationToken.None);
    }

    private static async Task<Guid> EnqueueAsync(GongkaiApp app, NotificationChannel channel, string address, string body = Body)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var row = new Notification
        {
            Id = Guid.NewGuid(),
            Event = NotificationEvents.ApplicantReceipt.Key,
            Channel = channel,
            Address = address,
            Subject = "您的政府信息公开申请已收到",
            Body = body,
            CreatedAtUtc = now,
            NotBeforeUtc = now,
        };
        db.Notifications.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private static async Task<Notification> RowAsync(GongkaiApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GongkaiDbContext>().Notifications.AsNoTracking().SingleAsync(n => n.Id == id);
    }
}
