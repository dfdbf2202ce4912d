namespace Gongkai.Tests.Web;

/// <summary>A clock the test sets. (Microsoft.Extensions.TimeProvider.Testing is not available here.)</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public void Advance(TimeSpan by) => Now += by;
}
