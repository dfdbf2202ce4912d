using System.Text;
using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Catalog;

/// <summary>Bulk import from CSV: a per-row error report, or every row published at once.</summary>
[Authorize(Roles = Roles.Publisher)]
public sealed class ImportModel(CatalogImport import, Microsoft.Extensions.Options.IOptions<Attachments.StorageOptions> storage) : PageModel
{
    public CatalogImportResult? Result { get; private set; }

    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>The template with the column names and an example row, as UTF-8 with a BOM so Excel reads the Chinese.</summary>
    public FileContentResult OnGetTemplate() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CatalogImport.Template())).ToArray(), "text/csv; charset=utf-8", "政府信息公开目录导入模板.csv");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Result = new CatalogImportResult(0, [new CatalogImportError(0, "", "请选择要导入的 CSV 文件。")]);
            return Page();
        }

        FileName = file.FileName;
        if (file.Length > storage.Value.MaxUploadBytes)
        {
            // The platform's one upload limit (Storage:MaxUploadBytes), said as every upload page says it.
            Result = new CatalogImportResult(0, [new CatalogImportError(0, "", Attachments.AttachmentUploads.TooLarge(
                Attachments.AttachmentUploads.CleanName(file.FileName), file.Length, storage.Value.MaxUploadBytes))]);
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        Result = await import.ImportAsync(buffer.ToArray(), file.FileName, cancellationToken);
        return Page();
    }
}
