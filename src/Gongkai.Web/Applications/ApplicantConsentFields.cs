using Gongkai.Applications;

namespace Gongkai.Web.Applications;

/// <summary>
/// The applicant's consents as the application forms show them (<c>Applications/_ApplicantConsent.cshtml</c>): to be
/// told of the progress, and to be forwarded to the competent agency. <see cref="Prefix"/> is the form's field prefix
/// ("" on the portal, "Input." on the staff registration page); both bind <see cref="IntakeRequest"/>.
/// </summary>
public sealed record ApplicantConsentFields(string Prefix, ApplicantNotice Notify, bool AgreesToForward)
{
    public static ApplicantConsentFields Of(IntakeRequest request, string prefix)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(prefix, request.Notify, request.AgreesToForward);
    }
}
