ALTER TABLE customers ADD COLUMN notes text;
COMMENT ON COLUMN customers.notes IS 'free text; may contain ''quotes'' and ; semicolons';
