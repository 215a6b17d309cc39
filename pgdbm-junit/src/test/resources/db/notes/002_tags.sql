CREATE TABLE {{tables.tags}} (note_id int REFERENCES {{tables.notes}} (id), tag text NOT NULL);
