using System.Net;
using System.Net.Http.Json;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>An organisation and its first admin, unique per call so tests never share data.</summary>
public sealed record TestOrganisation(
    string Kind,
    string LegalNameZh,
    string CreditCode,
    string DistrictCode,
    string ContactName,
    string ContactPhone,
    string ContactEmail,
    string AdminDisplayName,
    string AdminEmail,
    string AdminPassword)
{
    public static TestOrganisation NewOperator()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new TestOrganisation(
            Kind: "operator",
            LegalNameZh: $"苏州测试海外仓有限公司{id}",
            CreditCode: CreditCodes.NewValid(),
            DistrictCode: "SIP",
            ContactName: "王经理",
            ContactPhone: "0512-6688" + Random.Shared.Next(1000, 9999),
            ContactEmail: $"contact-{id}@web-tests.example.com",
            AdminDisplayName: "张管理员",
            AdminEmail: $"admin-{id}@web-tests.example.com",
            AdminPassword: $"Pw-{id}-Aa9!");
    }

    /// <summary>Registers through the Api directly, for tests whose subject is something else; returns the organisation's id.</summary>
    public async Task<Guid> RegisterThroughApiAsync(HttpClient api)
    {
        using var response = await api.PostAsJsonAsync("/api/auth/register", new
        {
            kind = Kind,
            legalNameZh = LegalNameZh,
            creditCode = CreditCode,
            districtCode = DistrictCode,
            contactName = ContactName,
            contactPhone = ContactPhone,
            contactEmail = ContactEmail,
            adminDisplayName = AdminDisplayName,
            adminEmail = AdminEmail,
            adminPassword = AdminPassword,
        });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException(
                $"Registering {LegalNameZh} through the Api answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var registered = await response.Content.ReadFromJsonAsync<Registered>();
        return registered?.OrganisationId ?? throw new InvalidOperationException("The Api's registration answer has no organisationId.");
    }

    private sealed record Registered(Guid OrganisationId, Guid UserId);
}
