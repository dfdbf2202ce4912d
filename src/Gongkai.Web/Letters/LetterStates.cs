using Gongkai.Data.Applications;

namespace Gongkai.Web.Letters;

/// <summary>The words and marks of a letter's sign-off state, the same on the letter, the case's letters and 工作台, and the API's keys.</summary>
public static class LetterStates
{
    public static string Label(LetterStatus status) => status switch
    {
        LetterStatus.Draft => "草稿",
        LetterStatus.Submitted => "待审批",
        LetterStatus.Returned => "已退回",
        LetterStatus.Approved => "已审批待签发",
        LetterStatus.Issued => "已签发",
        _ => status.ToString(),
    };

    /// <summary>The page heading's first words.</summary>
    public static string Heading(LetterStatus status) => status switch
    {
        LetterStatus.Issued => "已签发文书",
        LetterStatus.Draft => "文书草稿",
        _ => "文书",
    };

    /// <summary>The badge class (the queue's marks: ok, soon, overdue).</summary>
    public static string Css(LetterStatus status) => status switch
    {
        LetterStatus.Issued => "ok",
        LetterStatus.Returned => "overdue",
        _ => "soon",
    };

    /// <summary>The JSON API's word for the state.</summary>
    public static string Key(LetterStatus status) => status switch
    {
        LetterStatus.Draft => "draft",
        LetterStatus.Submitted => "submitted",
        LetterStatus.Returned => "returned",
        LetterStatus.Approved => "approved",
        LetterStatus.Issued => "issued",
        _ => status.ToString(),
    };
}
