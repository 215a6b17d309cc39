INSERT INTO labels (name) VALUES ('from-data-sql');
