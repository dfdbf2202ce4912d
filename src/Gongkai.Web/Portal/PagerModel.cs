namespace Gongkai.Web.Portal;

/// <summary>Page links around the current page (at most nine numbers, always including the first and last).</summary>
public sealed record PagerModel(int Page, int PageCount, Func<int, string> Url)
{
    public IEnumerable<int> Window
    {
        get
        {
            var start = Math.Max(1, Math.Min(Page - 4, PageCount - 8));
            var end = Math.Min(PageCount, start + 8);
            var pages = Enumerable.Range(start, end - start + 1).ToList();
            if (pages[0] != 1)
            {
                pages[0] = 1;
            }

            if (pages[^1] != PageCount)
            {
                pages[^1] = PageCount;
            }

            return pages;
        }
    }
}
