-- Flyway callback: runs after every migrate
INSERT INTO audit.events (what) VALUES ('migrated');
