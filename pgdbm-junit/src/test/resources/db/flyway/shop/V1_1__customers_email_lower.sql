-- emails are compared case-insensitively
CREATE UNIQUE INDEX customers_email_lower ON customers (lower(email));
