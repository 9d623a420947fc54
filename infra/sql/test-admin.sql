-- Test clusters only: a password-login superuser for tests that must inspect roles and
-- settings over TCP (the bootstrap superuser is reachable only through the private socket).
-- psql variable: admin_password. Idempotent.
\set ON_ERROR_STOP on

SELECT 'CREATE ROLE warehouse_test_admin'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'warehouse_test_admin') \gexec
ALTER ROLE warehouse_test_admin WITH LOGIN SUPERUSER PASSWORD :'admin_password';
