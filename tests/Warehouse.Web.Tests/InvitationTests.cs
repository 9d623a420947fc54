using System.Text.RegularExpressions;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

public sealed class InvitationTests(PlatformFixture platform)
{
    private static readonly Regex DashboardUrl = new("/dashboard$");

    [Fact]
    public async Task An_admin_invites_a_staff_member_who_accepts_through_the_link_signs_in_and_sees_the_same_organisation()
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        var staffEmail = $"staff-{Guid.NewGuid():N}@web-tests.example.com";
        var staffPassword = $"Staff-{Guid.NewGuid():N}"[..20] + "-Aa9!";

        await using var adminContext = await platform.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await Forms.SignInAsync(admin, organisation.AdminEmail, organisation.AdminPassword);
        await Expect(admin).ToHaveURLAsync(DashboardUrl);
        var invitationUrl = await Forms.InviteAsync(admin, staffEmail, "Staff");
        await Expect(admin.Locator($"#invitations tr[data-invitation-email='{staffEmail}']")).ToHaveCountAsync(1);

        await using var staffContext = await platform.NewContextAsync();
        var staff = await staffContext.NewPageAsync();
        await Forms.AcceptInvitationAsync(staff, invitationUrl, "李员工", staffPassword);

        await Expect(staff).ToHaveURLAsync(new Regex(@"/account/login\?invitationAccepted=true$"));
        await Expect(staff.Locator("#login-notice")).ToBeVisibleAsync();
        await Forms.SignInAsync(staff, staffEmail, staffPassword);

        await Expect(staff).ToHaveURLAsync(DashboardUrl);
        await Expect(staff.Locator("#organisation-legal-name")).ToHaveTextAsync(organisation.LegalNameZh);
        await Expect(staff.Locator("#your-role")).ToHaveTextAsync("员工");
        // Staff do not manage members.
        await Expect(staff.Locator("#invite-form")).ToHaveCountAsync(0);

        await admin.GotoAsync("/dashboard");
        await Expect(admin.Locator($"#members tr[data-member-email='{staffEmail}']")).ToHaveCountAsync(1);
        await Expect(admin.Locator($"#invitations tr[data-invitation-email='{staffEmail}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_revoked_invitation_leaves_the_pending_list_and_its_link_no_longer_works()
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        var inviteeEmail = $"revoked-{Guid.NewGuid():N}@web-tests.example.com";

        await using var adminContext = await platform.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await Forms.SignInAsync(admin, organisation.AdminEmail, organisation.AdminPassword);
        var invitationUrl = await Forms.InviteAsync(admin, inviteeEmail, "Staff");
        var row = admin.Locator($"#invitations tr[data-invitation-email='{inviteeEmail}']");
        await Expect(row).ToHaveCountAsync(1);

        await row.Locator("button.revoke").ClickAsync();

        await Expect(admin).ToHaveURLAsync(DashboardUrl);
        await Expect(row).ToHaveCountAsync(0);

        await using var inviteeContext = await platform.NewContextAsync();
        var invitee = await inviteeContext.NewPageAsync();
        await Forms.AcceptInvitationAsync(invitee, invitationUrl, "王五", "Revoked-Invitee-9aZ");

        await Expect(invitee.Locator("#form-message")).ToHaveTextAsync("邀请链接无效或已过期，请联系企业管理员重新邀请。");
        await Expect(invitee).ToHaveURLAsync(new Regex(@"/account/accept-invitation\?token="));
    }

    [Fact]
    public async Task A_member_of_two_organisations_switches_between_them_and_sees_each_ones_details_and_role()
    {
        var first = TestOrganisation.NewOperator();
        await first.RegisterThroughApiAsync(platform.Api);
        var second = TestOrganisation.NewOperator();
        var secondId = await second.RegisterThroughApiAsync(platform.Api);

        // The second organisation's admin invites the first one's admin, who joins with their existing account.
        await using var inviterContext = await platform.NewContextAsync();
        var inviter = await inviterContext.NewPageAsync();
        await Forms.SignInAsync(inviter, second.AdminEmail, second.AdminPassword);
        var invitationUrl = await Forms.InviteAsync(inviter, first.AdminEmail, "Staff");
        await using var memberContext = await platform.NewContextAsync();
        var member = await memberContext.NewPageAsync();
        await Forms.AcceptInvitationAsync(member, invitationUrl, first.AdminDisplayName, first.AdminPassword);
        await Expect(member).ToHaveURLAsync(new Regex(@"/account/login\?invitationAccepted=true$"));

        await Forms.SignInAsync(member, first.AdminEmail, first.AdminPassword);

        // Acting first for the organisation joined first, as its admin.
        await Expect(member).ToHaveURLAsync(DashboardUrl);
        await Expect(member.Locator("#organisation-legal-name")).ToHaveTextAsync(first.LegalNameZh);
        await Expect(member.Locator("#your-role")).ToHaveTextAsync("管理员");
        await Expect(member.Locator("#organisationId option")).ToHaveCountAsync(2);

        await member.SelectOptionAsync("#organisationId", secondId.ToString());
        await member.ClickAsync("#switch-organisation");

        await Expect(member).ToHaveURLAsync(DashboardUrl);
        await Expect(member.Locator("#organisation-legal-name")).ToHaveTextAsync(second.LegalNameZh);
        await Expect(member.Locator("#organisation-credit-code")).ToHaveTextAsync(second.CreditCode);
        await Expect(member.Locator("#your-role")).ToHaveTextAsync("员工");
        await Expect(member.Locator("#invite-form")).ToHaveCountAsync(0);

        // The choice lasts for the session.
        await member.ReloadAsync();
        await Expect(member.Locator("#organisation-legal-name")).ToHaveTextAsync(second.LegalNameZh);
    }
}
