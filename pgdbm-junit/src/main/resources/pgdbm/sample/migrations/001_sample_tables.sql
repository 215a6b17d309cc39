-- The sample schema of pgdbm's test fixtures: users, their projects, and the agents (tasks) of each project.
CREATE TABLE {{tables.users}} (
    id SERIAL PRIMARY KEY,
    email VARCHAR(255) UNIQUE NOT NULL,
    full_name VARCHAR(255),
    is_active BOOLEAN DEFAULT true,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE {{tables.projects}} (
    id SERIAL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    owner_id INT REFERENCES {{tables.users}}(id),
    description TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE {{tables.agents}} (
    id SERIAL PRIMARY KEY,
    project_id INT REFERENCES {{tables.projects}}(id),
    title VARCHAR(255) NOT NULL,
    status VARCHAR(50) DEFAULT 'pending',
    assigned_to INT REFERENCES {{tables.users}}(id),
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
