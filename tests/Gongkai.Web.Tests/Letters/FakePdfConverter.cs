using System.Text;
using Gongkai.Tests.Web;
using Gongkai.Web.Letters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gongkai.Tests.Letters;

/// <summary>
/// Stands in for LibreOffice: counts its conversions, answers each with a small distinct "PDF" (or the problem a test
/// sets), and can hold a conversion until the test lets it finish, so the test sees the job 生成中.
/// </summary>
internal sealed class FakePdfConverter : IPdfConverter
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The problem the next conversions answer with, or null for a PDF.</summary>
    public string? Problem { get; set; }

    /// <summary>When set, each conversion waits for it.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public async Task<PdfResult> ConvertAsync(byte[] docx, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        await Task.Yield();
        return Problem is { } problem
            ? new PdfResult(null, problem)
            : new PdfResult(Encoding.ASCII.GetBytes($"%PDF-1.4 fake {call} {docx.Length} {Guid.NewGuid():N}"), null);
    }

    /// <summary>Puts this converter in the app in place of LibreOffice.</summary>
    public FakePdfConverter In(GongkaiApp app)
    {
        app.TestServices.Add(services =>
        {
            services.RemoveAll<IPdfConverter>();
            services.AddSingleton<IPdfConverter>(this);
        });
        return this;
    }
}
