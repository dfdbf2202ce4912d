using System.Globalization;
using System.Text;
using System.Text.Json;
using Gongkai.Data.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gongkai.Web.Notifications;

/// <summary>
/// Configuration section <c>Notifications:Smtp</c>. E-mail is sent through this server once <see cref="Host"/> is
/// set; until then it is logged only. The password belongs in user secrets or the environment
/// (<c>Notifications__Smtp__Password</c>), never in appsettings.json.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls (the default: port 587), SslOnConnect (port 465) or StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. gongkai@example.gov.cn.</summary>
    public string From { get; set; } = "";

    public string FromName { get; set; } = "政府信息公开平台";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>E-mail through an SMTP server with MailKit: plain text in UTF-8, one connection per message.</summary>
public sealed class SmtpEmailChannel(IOptions<SmtpOptions> options) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(notification.Address ?? throw new InvalidOperationException("电子邮件通知没有收件地址。")));
        message.Subject = notification.Subject;
        var body = new TextPart("plain");
        body.SetText(Encoding.UTF8, notification.Body);
        message.Body = body;

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host ?? "", settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.User))
        {
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}

/// <summary>
/// Configuration section <c>Notifications:Sms</c>: an SMS gateway reached over HTTP, as gateways differ per province.
/// The body is a template in which {phone} and {text} are replaced by the JSON-escaped values (without quotes, so the
/// template writes them inside its own strings). Headers (an API key…) come from configuration or secrets.
/// </summary>
public sealed class SmsHttpOptions
{
    public const string Section = "Notifications:Sms";

    /// <summary>The gateway's address; SMS are logged only while it is unset.</summary>
    public Uri? Url { get; set; }

    public string Method { get; set; } = "POST";

    public string Body { get; set; } = """{"phone":"{phone}","text":"{text}"}""";

    public string ContentType { get; set; } = "application/json";

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// SMS through the configured HTTP gateway. A status other than 2xx is a failure whose reason (status and the start of
/// the answer) the sender keeps with the row.
/// </summary>
public sealed class HttpSmsChannel(IHttpClientFactory clients, IOptions<SmsHttpOptions> options) : INotificationChannel
{
    public const string ClientName = "sms";

    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.Value;
        var body = settings.Body
            .Replace("{phone}", Escape(notification.Address ?? throw new InvalidOperationException("短信通知没有手机号码。")), StringComparison.Ordinal)
            .Replace("{text}", Escape(notification.Body), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(settings.Method), settings.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, settings.ContentType),
        };
        foreach (var (name, value) in settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var client = clients.CreateClient(ClientName);
        client.Timeout = settings.Timeout;
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture,
                $"短信网关返回 {(int)response.StatusCode}：{(answer.Length > 200 ? answer[..200] : answer)}"));
        }
    }

    /// <summary>The value as a JSON string's content: quotes, backslashes and control characters escaped, Chinese kept.</summary>
    private static string Escape(string value)
    {
        var quoted = JsonSerializer.Serialize(value, EscapeOptions);
        return quoted[1..^1];
    }

    private static readonly JsonSerializerOptions EscapeOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
