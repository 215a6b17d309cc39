CREATE INDEX people_m ON people (m) WHERE m = 'happy';
