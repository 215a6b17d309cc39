-- uses the enum value V8 added, so V8 must have committed first
CREATE INDEX orders_cancelled ON orders (placed_at) WHERE status = 'cancelled';
