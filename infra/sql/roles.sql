-- Roles and one database for the platform. Idempotent: run it on every start.
-- Run with psql as a superuser, with the psql variables
--   db              database to create or repair (e.g. warehouse)
--   owner_password  password of warehouse_owner
--   app_password    password of warehouse_app
-- Row-level security only binds a role that is neither superuser, BYPASSRLS nor the table
-- owner; so migrations run as warehouse_owner and the Api runs as warehouse_app, which owns
-- nothing and only gets data rights through the default privileges below.
\set ON_ERROR_STOP on
-- Re-runs are normal: keep "already exists, skipping" notices out of the console.
SET client_min_messages = warning;

SELECT 'CREATE ROLE warehouse_owner'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'warehouse_owner') \gexec
-- Re-asserted every time so a hand-made change cannot quietly widen the role.
ALTER ROLE warehouse_owner WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
    NOBYPASSRLS PASSWORD :'owner_password';

SELECT 'CREATE ROLE warehouse_app'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'warehouse_app') \gexec
ALTER ROLE warehouse_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
    NOBYPASSRLS PASSWORD :'app_password';
-- A backstop against runaway statements from the Api (the domain bounds its inputs first): no request should need more.
ALTER ROLE warehouse_app SET statement_timeout = '30s';
-- No JIT for the Api's short queries: compiling a search's expressions cost ~230 ms at 100k warehouses, far more
-- than running them (JIT pays off for long analytical scans, which the Api does not run).
ALTER ROLE warehouse_app SET jit = off;

-- Membership in the owner would give the app the owner's rights, RLS exemption included.
SELECT 'REVOKE warehouse_owner FROM warehouse_app'
WHERE pg_has_role('warehouse_app', 'warehouse_owner', 'MEMBER') \gexec

SELECT format('CREATE DATABASE %I OWNER warehouse_owner ENCODING ''UTF8'' TEMPLATE template0', :'db')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO warehouse_owner;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO warehouse_app;

\connect :"db"
SET client_min_messages = warning;

-- PostGIS is not a trusted extension: only a superuser can create it, so it is done here and
-- the owner's migrations find it present (CREATE EXTENSION IF NOT EXISTS is then a no-op).
CREATE EXTENSION IF NOT EXISTS postgis;

ALTER SCHEMA public OWNER TO warehouse_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO warehouse_app;

-- Whatever the owner creates later (tables, sequences, functions made by migrations) is usable
-- by the app without a GRANT in each migration. Only for schema public.
ALTER DEFAULT PRIVILEGES FOR ROLE warehouse_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO warehouse_app;
ALTER DEFAULT PRIVILEGES FOR ROLE warehouse_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO warehouse_app;
ALTER DEFAULT PRIVILEGES FOR ROLE warehouse_owner IN SCHEMA public
    GRANT EXECUTE ON FUNCTIONS TO warehouse_app;
