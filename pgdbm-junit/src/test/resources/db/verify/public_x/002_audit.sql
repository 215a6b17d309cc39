CREATE TABLE public.audit_log (id bigserial PRIMARY KEY, message text);
