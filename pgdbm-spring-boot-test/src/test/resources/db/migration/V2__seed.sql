INSERT INTO notes (body) VALUES ('${greeting}');
