using Gongkai.Data.Applications;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Attachments;

/// <summary>
/// Sends a stored file as a download: always as an attachment, with the type decided at upload and nosniff, so a
/// browser never renders an upload as a page of this site.
/// </summary>
public static class AttachmentFile
{
    public static FileStreamResult Send(HttpResponse response, Stream content, AttachmentRecord attachment)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(attachment);
        response.Headers.XContentTypeOptions = "nosniff";
        return new FileStreamResult(content, attachment.ContentType) { FileDownloadName = attachment.FileName };
    }
}
