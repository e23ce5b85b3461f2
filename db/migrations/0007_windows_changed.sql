-- Each API process caches the window list; a change to what it is made of tells every process
-- (LISTEN windows_changed) once the change commits, whoever made it: a route, a job, or SQL by hand.
CREATE FUNCTION notify_windows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('windows_changed', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER windows_changed_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON windows
  FOR EACH STATEMENT EXECUTE FUNCTION notify_windows_changed();
--> statement-breakpoint
CREATE TRIGGER window_hours_changed_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON window_hours
  FOR EACH STATEMENT EXECUTE FUNCTION notify_windows_changed();
--> statement-breakpoint
CREATE TRIGGER window_closures_changed_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON window_closures
  FOR EACH STATEMENT EXECUTE FUNCTION notify_windows_changed();
--> statement-breakpoint
-- Its status only: call-next updates the priority streak on every call, which shows nowhere.
CREATE TRIGGER window_sessions_changed_trg AFTER INSERT OR UPDATE OF status OR DELETE OR TRUNCATE ON window_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_windows_changed();
--> statement-breakpoint
CREATE TRIGGER window_families_changed_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON window_families
  FOR EACH STATEMENT EXECUTE FUNCTION notify_windows_changed();
--> statement-breakpoint
CREATE TRIGGER departments_changed_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments
  FOR EACH STATEMENT EXECUTE FUNCTION notify_windows_changed();
