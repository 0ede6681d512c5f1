-- emotion_crm install script.  Built by `make` from sql/install/*.sql.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION emotion_crm" to load this file. \quit

-- Types, operators, scoring functions and aggregates live in the schema the
-- extension is created in (@extschema@, usually public).  Settings tables and
-- management functions live in the schema emotion_crm, created here.
CREATE SCHEMA emotion_crm;
COMMENT ON SCHEMA emotion_crm IS 'emotion_crm settings tables and management functions';
GRANT USAGE ON SCHEMA emotion_crm TO PUBLIC;
