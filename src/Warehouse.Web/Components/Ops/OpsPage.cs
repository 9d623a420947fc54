using Microsoft.AspNetCore.Components;
using Warehouse.Web.ApiClients;
using Warehouse.Web.Auth;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.Components.Ops;

/// <summary>
/// What every operator and bureau page does the same way: it acts for the signed-in user's current organisation,
/// which must be of <see cref="RequiredKind"/>; it calls the API through <see cref="ApiCalls"/> and turns each
/// failure into page state (API down, not found, signed out) instead of an exception.
/// </summary>
public abstract class OpsPage : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;
    [Inject] protected ApiCalls Api { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;

    protected abstract OrganisationKind RequiredKind { get; }

    protected SignedInUser? CurrentUser { get; private set; }

    /// <summary>The API could not be reached: the page shows the friendly message.</summary>
    protected bool ApiUnavailable { get; set; }

    /// <summary>The thing the page is about does not exist for this organisation (the API answered 404).</summary>
    protected bool Missing { get; set; }

    /// <summary>The user acts for an organisation of another kind (a trader on an operator page, say).</summary>
    protected bool WrongKind { get; private set; }

    /// <summary>A page-level error message (a refused action, a field error the form has no place for).</summary>
    protected string? ErrorMessage { get; set; }

    /// <summary>True once the page may call the API for its organisation.</summary>
    protected bool CanProceed => CurrentUser is not null && !WrongKind;

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>Reads the session and checks the organisation's kind; call first in OnInitializedAsync.</summary>
    protected bool Begin()
    {
        CurrentUser = SignedInUser.From(HttpContext.User);
        WrongKind = CurrentUser?.CurrentMembership?.OrganisationKind != RequiredKind;
        return CanProceed;
    }

    protected Task<ApiResult<T>> CallAsync<T>(Func<CancellationToken, Task<T>> call) => Api.RunAsync(() => call(Aborted));

    protected Task<ApiResult<NoContent>> CallAsync(Func<CancellationToken, Task> call) => Api.RunAsync(() => call(Aborted));

    /// <summary>
    /// True when the call succeeded. Otherwise records why: unavailable, missing (404), or an expired session (401:
    /// the web session ends too and the user signs in again, coming back here). Other problems are left to the caller.
    /// </summary>
    protected async Task<bool> AcceptAsync<T>(ApiResult<T> result)
    {
        if (result.Succeeded) return true;
        if (result.IsUnavailable)
        {
            ApiUnavailable = true;
        }
        else if (result.Status == 401)
        {
            await WebSession.SignOutAsync(HttpContext);
            var here = "/" + Nav.ToBaseRelativePath(Nav.Uri);
            Nav.NavigateTo($"/account/login?ReturnUrl={Uri.EscapeDataString(here)}");
        }
        else if (result.Status is 403 or 404)
        {
            Missing = true;
        }
        return false;
    }
}

/// <summary>A page of the operator's side (<c>/operator/…</c>).</summary>
public abstract class OperatorPage : OpsPage
{
    protected override OrganisationKind RequiredKind => OrganisationKind.Operator;
}

/// <summary>A page of the bureau's side (<c>/bureau/…</c>).</summary>
public abstract class BureauPage : OpsPage
{
    protected override OrganisationKind RequiredKind => OrganisationKind.Bureau;
}
