namespace Gongkai.Data.Agencies;

/// <summary>Administrative level of a region (行政区划层级).</summary>
public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
}

/// <summary>
/// A node of the region tree (province → city → county → township). <see cref="Path"/> is the materialised path
/// of ids from the root ("/a/b/c/"), so a subtree is one prefix query.
/// </summary>
public sealed class Region
{
    public Guid Id { get; set; }

    public Guid? ParentId { get; set; }

    public required string Name { get; set; }

    /// <summary>行政区划代码, e.g. 410724.</summary>
    public string? Code { get; set; }

    public RegionLevel Level { get; set; }

    /// <summary>"/{root id}/…/{own id}/": every ancestor's id, then this region's.</summary>
    public required string Path { get; set; }

    public static string ChildPath(string? parentPath, Guid id) => (parentPath ?? "/") + id.ToString("N") + "/";
}
