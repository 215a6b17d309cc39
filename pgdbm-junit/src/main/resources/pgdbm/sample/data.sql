-- The sample data: three users, two projects of Alice's, five agents.
INSERT INTO {{tables.users}} (email, full_name) VALUES
    ('alice@example.com', 'Alice Smith'),
    ('bob@example.com', 'Bob Jones'),
    ('charlie@example.com', 'Charlie Brown');

INSERT INTO {{tables.projects}} (name, owner_id, description)
SELECT p.name, u.id, p.description
FROM (VALUES (1, 'Project Alpha', 'First project'), (2, 'Project Beta', 'Second project')) AS p(n, name, description)
JOIN {{tables.users}} u ON u.email = 'alice@example.com'
ORDER BY p.n;

INSERT INTO {{tables.agents}} (project_id, title, status, assigned_to)
SELECT pr.id, a.title, a.status, u.id
FROM (VALUES (1, 'Project Alpha', 'Design database schema', 'completed', 'bob@example.com'),
             (2, 'Project Alpha', 'Implement user authentication', 'in_progress', 'bob@example.com'),
             (3, 'Project Alpha', 'Write tests', 'pending', NULL),
             (4, 'Project Beta', 'Setup CI/CD', 'in_progress', 'bob@example.com'),
             (5, 'Project Beta', 'Deploy to production', 'pending', NULL)) AS a(n, project, title, status, assignee)
JOIN {{tables.projects}} pr ON pr.name = a.project
LEFT JOIN {{tables.users}} u ON u.email = a.assignee
ORDER BY a.n;
