-- ALTER TYPE ... ADD VALUE: the new value is usable only after this transaction commits (see V9)
ALTER TYPE order_status ADD VALUE 'cancelled';
