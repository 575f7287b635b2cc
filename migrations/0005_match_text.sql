-- Matching folds typography (domain/match_text.h): no-break and other Unicode spaces,
-- curly quotes and dashes become the ASCII characters people type. The server's
-- PostgreSQL runs without a locale, where its text-search parser takes every non-ASCII
-- character for a letter: "is<NBSP>fast<NBSP>becoming" was one word and "fast" found
-- nothing. Stored text is unchanged; only the search vector and queries are folded.
-- domain::MatchFolds() lists the same characters in the same order; a test holds them
-- together.
CREATE FUNCTION fd_match_text(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN translate(t, U&'\0085\00A0\00AB\00BB\1680\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\200B\2010\2011\2012\2013\2014\2015\2018\2019\201A\201B\201C\201D\201E\201F\2028\2029\202F\2032\2033\2039\203A\205F\2212\3000\FEFF\FF02\FF07',
                   '  ""             ------''''''''""""   ''"'''' -  "''');

ALTER TABLE segments DROP COLUMN tsv;
ALTER TABLE segments
  ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', fd_match_text(text))) STORED;
CREATE INDEX segments_tsv ON segments USING gin (tsv);
