INSERT INTO categories (name) VALUES
    ('books'), ('music'), ('games'), ('garden'), ('kitchen'), ('office'), ('sports'), ('toys'), ('tools'), ('travel');
