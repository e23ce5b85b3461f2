-- Trigram indexes make substring search of Chinese service names fast; full-text search does not segment Chinese.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
