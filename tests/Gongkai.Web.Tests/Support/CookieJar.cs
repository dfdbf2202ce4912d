using System.Net;

namespace Gongkai.Tests.Web;

/// <summary>
/// A browser's cookie store that the test owns, so the same cookies can be sent to two app nodes.
/// Use <see cref="Handler"/> with <c>CreateDefaultClient</c>; such clients do not follow redirects.
/// </summary>
public sealed class CookieJar
{
    public CookieContainer Container { get; } = new();

    public DelegatingHandler Handler() => new JarHandler(Container);

    private sealed class JarHandler(CookieContainer container) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var header = container.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    container.SetCookies(uri, value);
                }
            }

            return response;
        }
    }
}
