-- Routing reads agent_view from memory; version changes with every change routing cares about (card, status,
-- reputation; not the latency average), so a replica can tell cheaply that its copy is out of date.
CREATE SEQUENCE agent_view_version;
ALTER TABLE agent_view ADD COLUMN version BIGINT NOT NULL DEFAULT nextval('agent_view_version');
