using Warehouse.Domain;
using Warehouse.Domain.Organisations;

namespace Warehouse.Domain.Tests.Organisations;

public sealed class OrganisationTests
{
    private static readonly Contact Contact = new("王经理", "0512-62880001", "ops@example.cn");
    private static readonly UnifiedSocialCreditCode Code = UnifiedSocialCreditCode.Complete("91320594MA1WHK001");

    [Fact]
    public void An_operator_needs_a_district()
    {
        var error = Assert.Throws<DomainException>(() => Organisation.Register(OrganisationKind.Operator, "苏州仓储", null, Code, null, Contact, DateTimeOffset.UtcNow));
        Assert.Equal("districtCode", error.Field);
    }

    [Fact]
    public void A_trader_needs_no_district_but_a_credit_code()
    {
        Assert.Null(Organisation.Register(OrganisationKind.Trader, "外贸公司", null, Code, null, Contact, DateTimeOffset.UtcNow).DistrictCode);
        var error = Assert.Throws<DomainException>(() => Organisation.Register(OrganisationKind.Trader, "外贸公司", null, null, null, Contact, DateTimeOffset.UtcNow));
        Assert.Equal("creditCode", error.Field);
    }

    [Theory]
    [InlineData("", "contactName")]
    [InlineData("1234", "contactPhone")]
    [InlineData("0512-1234abc", "contactPhone")]
    public void Contacts_are_checked(string bad, string field)
    {
        var error = Assert.Throws<DomainException>(() => field == "contactName" ? new Contact(bad, "0512-1", "a@b.cn") : new Contact("x", bad, "a@b.cn"));
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("Display <a@b.cn>")]
    public void Emails_are_checked(string email) => Assert.Equal("contactEmail", Assert.Throws<DomainException>(() => new Contact("x", "0512-62880001", email)).Field);

    [Fact]
    public void A_bureau_role_cannot_exist_in_an_operator()
    {
        var organisation = Organisation.Register(OrganisationKind.Operator, "苏州仓储", null, Code, "SIP", Contact, DateTimeOffset.UtcNow);
        Assert.Throws<DomainException>(() => Membership.Create(organisation, Guid.NewGuid(), MembershipRole.BureauAdmin, DateTimeOffset.UtcNow));
        Assert.Throws<DomainException>(() => Invitation.Create(organisation, "a@b.cn", MembershipRole.BureauOfficer, Guid.NewGuid(), DateTimeOffset.UtcNow));
    }

    [Fact]
    public void An_invitation_token_round_trips_and_expires()
    {
        var organisation = Organisation.Register(OrganisationKind.Operator, "苏州仓储", null, Code, "SIP", Contact, DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        var (invitation, token) = Invitation.Create(organisation, "Staff@Example.cn", MembershipRole.Staff, Guid.NewGuid(), now);
        Assert.True(Invitation.TryReadToken(token, out var organisationId, out var hash));
        Assert.Equal(organisation.Id, organisationId);
        Assert.Equal(invitation.SecretHash, hash);
        Assert.Equal("staff@example.cn", invitation.Email);
        Assert.False(invitation.IsPending(now + Invitation.Lifetime));
        Assert.Throws<DomainException>(() => invitation.Accept(now + Invitation.Lifetime));
        invitation.Accept(now);
        Assert.Throws<DomainException>(() => invitation.Accept(now));
    }
}
