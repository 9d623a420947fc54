using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <summary>
    /// The tables of Quartz's persistent, clustered job store (see <c>Platform/Jobs/JobsSetup.cs</c>), prefix <c>qrtz_</c>.
    /// They match the PostgreSQL schema of <b>Quartz.NET 4.7.3</b> exactly: the <c>create_postgres.sql</c> embedded in
    /// Quartz.dll 4.7.3, which Quartz generates from the same model as that release's
    /// <c>database/tables/tables_postgres.sql</c> (same tables, columns, types, defaults, keys and indexes). A Quartz
    /// upgrade that changes the schema needs a migration of its own, from that version's
    /// <c>database/migrations/&lt;version&gt;</c> scripts: Quartz validates the schema when it starts, and
    /// <c>QuartzSchemaTests</c> compares these tables with the schema of the Quartz assembly in use.
    /// <para>
    /// Hand-written and SQL only: the EF model does not change, so there is no snapshot change. Run, like every
    /// migration, as the owner role; the app role gets its data rights from the default privileges of
    /// <c>infra/sql/roles.sql</c>. Scheduler state is not tenant data: no <c>tenant_id</c>, no row-level security.
    /// </para>
    /// </summary>
    [DbContext(typeof(WarehouseDb))]
    [Migration("20261127004000_QuartzScheduler")]
    public partial class QuartzScheduler : Migration
    {
        /// <summary>Children before parents, for <see cref="Down"/>.</summary>
        private static readonly string[] Tables =
        [
            "qrtz_job_status", "qrtz_misfire_history", "qrtz_execution_history", "qrtz_locks", "qrtz_scheduler_state",
            "qrtz_fired_triggers", "qrtz_paused_job_grps", "qrtz_paused_trigger_grps", "qrtz_calendars", "qrtz_blob_triggers",
            "qrtz_simprop_triggers", "qrtz_cron_triggers", "qrtz_simple_triggers", "qrtz_triggers", "qrtz_job_details",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Quartz.NET 4.7.3 schema for PostgreSQL, table prefix qrtz_.
            migrationBuilder.Sql("""
                CREATE TABLE qrtz_job_details (
                  sched_name text NOT NULL,
                  job_name text NOT NULL,
                  job_group text NOT NULL,
                  description text NULL,
                  job_class_name text NOT NULL,
                  is_durable bool NOT NULL,
                  is_nonconcurrent bool NOT NULL,
                  is_update_data bool NOT NULL,
                  requests_recovery bool NOT NULL,
                  job_data bytea NULL,
                  PRIMARY KEY (sched_name, job_name, job_group)
                );

                CREATE TABLE qrtz_triggers (
                  sched_name text NOT NULL,
                  trigger_name text NOT NULL,
                  trigger_group text NOT NULL,
                  job_name text NOT NULL,
                  job_group text NOT NULL,
                  description text NULL,
                  next_fire_time bigint NULL,
                  prev_fire_time bigint NULL,
                  priority integer NULL,
                  trigger_state text NOT NULL,
                  trigger_type text NOT NULL,
                  start_time bigint NOT NULL,
                  end_time bigint NULL,
                  calendar_name text NULL,
                  misfire_instr smallint NULL,
                  misfire_orig_fire_time bigint NULL,
                  execution_group varchar(200) NULL,
                  preferred_node varchar(200) NULL,
                  preferred_node_auto bool NOT NULL DEFAULT false,
                  retry_policy varchar(250) NULL,
                  retry_attempt integer NULL,
                  continues_trigger_name text NULL,
                  continues_trigger_group text NULL,
                  continuation_condition integer NULL,
                  overlap_policy integer NULL,
                  pause_reason varchar(250) NULL,
                  paused_by varchar(200) NULL,
                  paused_at bigint NULL,
                  misfire_threshold bigint NULL,
                  fixed_delay bool NULL,
                  job_data bytea NULL,
                  PRIMARY KEY (sched_name, trigger_name, trigger_group),
                  FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
                );

                CREATE TABLE qrtz_simple_triggers (
                  sched_name text NOT NULL,
                  trigger_name text NOT NULL,
                  trigger_group text NOT NULL,
                  repeat_count bigint NOT NULL,
                  repeat_interval bigint NOT NULL,
                  times_triggered bigint NOT NULL,
                  PRIMARY KEY (sched_name, trigger_name, trigger_group),
                  FOREIGN KEY (sched_name, trigger_name, trigger_group)
                    REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                );

                CREATE TABLE qrtz_cron_triggers (
                  sched_name text NOT NULL,
                  trigger_name text NOT NULL,
                  trigger_group text NOT NULL,
                  cron_expression text NOT NULL,
                  time_zone_id text,
                  PRIMARY KEY (sched_name, trigger_name, trigger_group),
                  FOREIGN KEY (sched_name, trigger_name, trigger_group)
                    REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                );

                CREATE TABLE qrtz_simprop_triggers (
                  sched_name text NOT NULL,
                  trigger_name text NOT NULL,
                  trigger_group text NOT NULL,
                  str_prop_1 text NULL,
                  str_prop_2 text NULL,
                  str_prop_3 text NULL,
                  int_prop_1 integer NULL,
                  int_prop_2 integer NULL,
                  long_prop_1 bigint NULL,
                  long_prop_2 bigint NULL,
                  dec_prop_1 numeric NULL,
                  dec_prop_2 numeric NULL,
                  bool_prop_1 bool NULL,
                  bool_prop_2 bool NULL,
                  time_zone_id text NULL,
                  PRIMARY KEY (sched_name, trigger_name, trigger_group),
                  FOREIGN KEY (sched_name, trigger_name, trigger_group)
                    REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                );

                CREATE TABLE qrtz_blob_triggers (
                  sched_name text NOT NULL,
                  trigger_name text NOT NULL,
                  trigger_group text NOT NULL,
                  blob_data bytea NULL,
                  PRIMARY KEY (sched_name, trigger_name, trigger_group),
                  FOREIGN KEY (sched_name, trigger_name, trigger_group)
                    REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                );

                CREATE TABLE qrtz_calendars (
                  sched_name text NOT NULL,
                  calendar_name text NOT NULL,
                  calendar bytea NOT NULL,
                  PRIMARY KEY (sched_name, calendar_name)
                );

                CREATE TABLE qrtz_paused_trigger_grps (
                  sched_name text NOT NULL,
                  trigger_group text NOT NULL,
                  pause_reason varchar(250) NULL,
                  paused_by varchar(200) NULL,
                  paused_at bigint NULL,
                  PRIMARY KEY (sched_name, trigger_group)
                );

                CREATE TABLE qrtz_paused_job_grps (
                  sched_name text NOT NULL,
                  job_group text NOT NULL,
                  pause_reason varchar(250) NULL,
                  paused_by varchar(200) NULL,
                  paused_at bigint NULL,
                  PRIMARY KEY (sched_name, job_group)
                );

                CREATE TABLE qrtz_fired_triggers (
                  sched_name text NOT NULL,
                  entry_id text NOT NULL,
                  trigger_name text NOT NULL,
                  trigger_group text NOT NULL,
                  instance_name text NOT NULL,
                  fired_time bigint NOT NULL,
                  sched_time bigint NOT NULL,
                  priority integer NOT NULL,
                  state text NOT NULL,
                  job_name text NULL,
                  job_group text NULL,
                  is_nonconcurrent bool NOT NULL,
                  requests_recovery bool NULL,
                  execution_group varchar(200) NULL,
                  progress integer NULL,
                  progress_message varchar(250) NULL,
                  interrupt_requested_time bigint NULL,
                  PRIMARY KEY (sched_name, entry_id)
                );

                CREATE TABLE qrtz_scheduler_state (
                  sched_name text NOT NULL,
                  instance_name text NOT NULL,
                  last_checkin_time bigint NOT NULL,
                  checkin_interval bigint NOT NULL,
                  quartz_version varchar(20) NULL,
                  PRIMARY KEY (sched_name, instance_name)
                );

                CREATE TABLE qrtz_locks (
                  sched_name text NOT NULL,
                  lock_name text NOT NULL,
                  PRIMARY KEY (sched_name, lock_name)
                );

                CREATE TABLE qrtz_execution_history (
                  sched_name text NOT NULL,
                  entry_id text NOT NULL,
                  instance_name text NOT NULL,
                  job_name text NOT NULL,
                  job_group text NOT NULL,
                  trigger_name text NOT NULL,
                  trigger_group text NOT NULL,
                  fired_time bigint NOT NULL,
                  run_time bigint NOT NULL,
                  succeeded bool NOT NULL,
                  error_message text NULL,
                  retry_attempt integer NOT NULL DEFAULT 0,
                  retry_scheduled bool NOT NULL DEFAULT false,
                  execution_log text NULL,
                  result integer NULL,
                  summary text NULL,
                  metrics text NULL,
                  manual bool NULL,
                  fire_instance_id text NULL,
                  job_input text NULL,
                  job_input_too_large bool NULL,
                  PRIMARY KEY (sched_name, entry_id)
                );

                CREATE TABLE qrtz_misfire_history (
                  sched_name text NOT NULL,
                  entry_id text NOT NULL,
                  instance_name text NOT NULL,
                  trigger_name text NOT NULL,
                  trigger_group text NOT NULL,
                  job_name text NULL,
                  job_group text NULL,
                  misfire_time bigint NOT NULL,
                  sched_time bigint NULL,
                  reason integer NULL,
                  PRIMARY KEY (sched_name, entry_id)
                );

                CREATE TABLE qrtz_job_status (
                  sched_name text NOT NULL,
                  job_group text NOT NULL,
                  job_name text NOT NULL,
                  first_fired_time bigint NOT NULL,
                  last_fired_time bigint NOT NULL,
                  last_result integer NOT NULL,
                  last_run_time bigint NOT NULL,
                  last_instance_name text NOT NULL,
                  last_entry_id text NULL,
                  last_summary text NULL,
                  last_success_time bigint NULL,
                  last_failure_time bigint NULL,
                  last_failure_message text NULL,
                  consecutive_failures integer NOT NULL DEFAULT 0,
                  run_count bigint NOT NULL DEFAULT 0,
                  failure_count bigint NOT NULL DEFAULT 0,
                  PRIMARY KEY (sched_name, job_group, job_name)
                );

                CREATE INDEX idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
                CREATE INDEX idx_qrtz_t_j ON qrtz_triggers (sched_name, job_name, job_group);
                CREATE INDEX idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
                CREATE INDEX idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name);
                CREATE INDEX idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time ASC, priority DESC, misfire_instr);
                CREATE INDEX idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
                CREATE INDEX idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name, job_name, job_group);
                CREATE INDEX idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
                CREATE INDEX idx_qrtz_eh_fired_time ON qrtz_execution_history (sched_name, fired_time);
                CREATE INDEX idx_qrtz_eh_inst ON qrtz_execution_history (sched_name, instance_name);
                CREATE INDEX idx_qrtz_eh_job_time ON qrtz_execution_history (sched_name, job_group, job_name, fired_time);
                CREATE INDEX idx_qrtz_eh_fire_inst ON qrtz_execution_history (sched_name, fire_instance_id);
                CREATE INDEX idx_qrtz_eh_trig_time ON qrtz_execution_history (sched_name, trigger_group, trigger_name, fired_time);
                CREATE INDEX idx_qrtz_mh_misfire_time ON qrtz_misfire_history (sched_name, misfire_time);
                CREATE INDEX idx_qrtz_mh_inst ON qrtz_misfire_history (sched_name, instance_name);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
        }
    }
}
