using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Platform;

/// <summary>How a request to a route carries its input.</summary>
internal enum RouteBody
{
    /// <summary>A GET: input in the query string.</summary>
    Query,

    /// <summary>An HTML form post, which must carry an antiforgery token.</summary>
    Form,

    /// <summary>A JSON API call.</summary>
    Json,
}

/// <summary>
/// One way to call a route: its pattern, method, page handler (for Razor Pages) and the names of the inputs it binds.
/// </summary>
internal sealed record RouteCall(RoutePattern Pattern, string Method, string? Handler, RouteBody Body, IReadOnlyList<string> Inputs)
{
    public string Describe(string url) => $"{Method} {WithHandler(url)}";

    public string WithHandler(string url) => Handler is null ? url : url + "?handler=" + Handler;
}

/// <summary>
/// Every call the app answers, read from its endpoint data source: each Razor Pages handler (from the compiled page),
/// each minimal-API endpoint and method. New pages and endpoints are walked without anyone listing them.
/// </summary>
internal static class RouteCatalogue
{
    public static async Task<IReadOnlyList<RouteCall>> ReadAsync(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var loader = services.GetRequiredService<PageLoader>();
        var calls = new List<RouteCall>();
        var pages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // A page without a route of its own answers at "/Folder/Index" and "/Folder": one of them is walked.
                if (!pages.Add(page.RelativePath))
                {
                    continue;
                }

                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var properties = compiled.BoundProperties.SelectMany(p => Inputs(p.Name, p.ParameterType)).ToList();
                foreach (var handler in compiled.HandlerMethods)
                {
                    var isGet = string.Equals(handler.HttpMethod, "Get", StringComparison.OrdinalIgnoreCase);
                    var inputs = handler.Parameters
                        .Where(p => p.BindingInfo?.BindingSource != BindingSource.Services && p.ParameterType != typeof(CancellationToken) && !IsRouteParameter(endpoint.RoutePattern, p.Name))
                        .SelectMany(p => Inputs(p.Name, p.ParameterType)).Concat(properties).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    calls.Add(new RouteCall(endpoint.RoutePattern, isGet ? HttpMethods.Get : handler.HttpMethod.ToUpperInvariant(), handler.Name, isGet ? RouteBody.Query : RouteBody.Form, inputs));
                }

                // A GET or POST that names no handler of the page, and a method no page answers.
                if (!compiled.HandlerMethods.Any(h => h.Name is null && h.HttpMethod.Equals("Get", StringComparison.OrdinalIgnoreCase)))
                {
                    calls.Add(new RouteCall(endpoint.RoutePattern, HttpMethods.Get, null, RouteBody.Query, properties));
                }

                if (!compiled.HandlerMethods.Any(h => h.Name is null && h.HttpMethod.Equals("Post", StringComparison.OrdinalIgnoreCase)))
                {
                    calls.Add(new RouteCall(endpoint.RoutePattern, HttpMethods.Post, null, RouteBody.Form, properties));
                }

                calls.Add(new RouteCall(endpoint.RoutePattern, HttpMethods.Post, "NoSuchHandler", RouteBody.Form, []));
                calls.Add(new RouteCall(endpoint.RoutePattern, HttpMethods.Put, null, RouteBody.Form, []));
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            var form = endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>()?.RequiresValidation == true;
            var handlerInputs = endpoint.Metadata.GetMetadata<MethodInfo>() is { } method
                ? method.GetParameters().Where(p => !IsRouteParameter(endpoint.RoutePattern, p.Name!)).SelectMany(ApiInputs).ToList()
                : [];
            foreach (var httpMethod in methods)
            {
                var body = HttpMethods.IsGet(httpMethod) ? RouteBody.Query : form ? RouteBody.Form : RouteBody.Json;
                calls.Add(new RouteCall(endpoint.RoutePattern, httpMethod, null, body, handlerInputs));
            }
        }

        return calls;
    }

    private static bool IsRouteParameter(RoutePattern pattern, string name) =>
        pattern.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A minimal-API parameter's input names: simple values by name, [AsParameters] by property; services and bodies bind nothing from the query or form.</summary>
    private static IEnumerable<string> ApiInputs(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
        {
            return parameter.ParameterType.GetProperties().Where(p => p.CanWrite).SelectMany(p => Inputs(p.Name, p.PropertyType));
        }

        return IsSimple(parameter.ParameterType) ? [parameter.Name!] : [];
    }

    /// <summary>The form or query names a bound value reads: its own name, or "Name.Property" for each property of a complex value.</summary>
    private static IEnumerable<string> Inputs(string name, Type type)
    {
        if (IsSimple(type) || typeof(IFormFile).IsAssignableFrom(type) || typeof(IEnumerable<IFormFile>).IsAssignableFrom(type))
        {
            return [name];
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return [name + "[key]"];
        }

        if (typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType)
        {
            var element = type.GetGenericArguments()[0];
            return IsSimple(element) ? [name] : element.GetProperties().Where(p => p.CanWrite).Select(p => $"{name}[0].{p.Name}");
        }

        return type.GetProperties().Where(p => p.CanWrite && p.GetIndexParameters().Length == 0).Select(p => $"{name}.{p.Name}").Append(name);
    }

    private static bool IsSimple(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        if (bare.IsArray || (bare.IsGenericType && bare.GetGenericTypeDefinition() == typeof(List<>)))
        {
            return IsSimple(bare.IsArray ? bare.GetElementType()! : bare.GetGenericArguments()[0]);
        }

        return bare.IsPrimitive || bare.IsEnum || bare == typeof(string) || bare == typeof(decimal) || bare == typeof(Guid)
               || bare == typeof(DateOnly) || bare == typeof(DateTime) || bare == typeof(DateTimeOffset) || bare == typeof(TimeOnly);
    }
}
