SELECT * FROM {{tables.no_such_table}};
