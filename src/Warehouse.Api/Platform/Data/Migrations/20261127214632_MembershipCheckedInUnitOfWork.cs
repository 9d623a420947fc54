using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <summary>
    /// Lock 1 checked by the database in every unit of work of a request: the Api remembers a user's memberships, and the
    /// first statement of each transaction sets the tenant only if the user is still a member in one of the roles the
    /// endpoint admits (else SQLSTATE WH001, answered 409 membership.changed). See <c>MembershipCache</c>.
    /// Both functions run as the caller (row security applies): the user is set first, so the own_memberships policy
    /// shows the user's own rows and nothing else.
    /// </summary>
    public partial class MembershipCheckedInUnitOfWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION set_member_scope(tenant uuid, member uuid, member_roles text[]) RETURNS void
                LANGUAGE plpgsql VOLATILE AS $$
                BEGIN
                    PERFORM set_config('app.user_id', member::text, true);
                    IF NOT EXISTS (SELECT 1 FROM public.organisation_members m
                                   WHERE m.tenant_id = tenant AND m.user_id = member AND m.role = ANY (member_roles)) THEN
                        RAISE EXCEPTION 'The membership this request was authorised with no longer holds.' USING ERRCODE = 'WH001';
                    END IF;
                    PERFORM set_config('app.tenant_id', tenant::text, true);
                END $$;
                """);
            // A trader's booking runs in the operator's tenant (BookingDesk): the trader's own membership is checked there,
            // and the acting user set, without touching the tenant.
            migrationBuilder.Sql("""
                CREATE FUNCTION set_acting_member(organisation uuid, member uuid, member_roles text[]) RETURNS void
                LANGUAGE plpgsql VOLATILE AS $$
                BEGIN
                    PERFORM set_config('app.user_id', member::text, true);
                    IF NOT EXISTS (SELECT 1 FROM public.organisation_members m
                                   WHERE m.tenant_id = organisation AND m.user_id = member AND m.role = ANY (member_roles)) THEN
                        RAISE EXCEPTION 'The membership this request was authorised with no longer holds.' USING ERRCODE = 'WH001';
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS set_acting_member(uuid, uuid, text[]);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS set_member_scope(uuid, uuid, text[]);");
        }
    }
}
