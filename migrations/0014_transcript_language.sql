-- Languages (issue 12): a transcript has a BCP 47 tag, given at import or guessed from its
-- text (domain/language_guess.h), and its segments are searched with the text-search
-- configuration of that language (domain::SearchConfigFor): a Snowball stemmer where
-- PostgreSQL 15 has one, "english" for "und" (what every transcript had before), and
-- character n-grams ("ngram") for the rest: Chinese, Japanese and Korean write words
-- without spaces, which no configuration splits. pg_trgm would not do: in a cluster
-- without a locale (the embedded one) it drops every character outside ASCII.

-- Case folding for every script: the cluster's C locale lower-cases ASCII only, so
-- "Über"/"über" and "Налоги"/"налоги" would be different words. English keeps its
-- existing vector unchanged.
CREATE FUNCTION fd_fold_case(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN lower(t COLLATE "und-x-icu");

-- The runs of letters and digits of a text, folded, in order: what is left between spaces,
-- ASCII punctuation, general punctuation (U+2000-U+206F), CJK punctuation (U+3000-U+303F)
-- and full-width punctuation.
CREATE FUNCTION fd_ngram_runs(t text) RETURNS TABLE (run text, n bigint)
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT r.m[1], r.n
  FROM regexp_matches(fd_fold_case(fd_match_text(t)),
         '([^[:space:][:punct:]\u2000-\u206f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+)',
         'g') WITH ORDINALITY AS r(m, n);
END;

-- A text as character bigrams at consecutive positions, each run ending with its last
-- character alone: "中国经济" is '中国':1 '国经':2 '经济':3 '济':4. Every character starts
-- a lexeme, so a one-character query is a prefix match, and a longer one a phrase of its
-- bigrams.
CREATE FUNCTION fd_ngram_vector(t text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT coalesce(string_agg('''' || g.gram || ''':' || least(g.pos, 16383)::text, ' '), '')::tsvector
  FROM (SELECT substr(r.run, i, 2) AS gram, row_number() OVER (ORDER BY r.n, i) AS pos
        FROM fd_ngram_runs(t) AS r, generate_series(1, char_length(r.run)) AS i) AS g;
END;

-- One search term as the phrase of its n-grams: "经济增长" is
-- '经济' <-> '济增' <-> '增长' <-> '长':*, which matches the term wherever it stands,
-- inside a longer run or before a space. Runs split by punctuation must all be there.
CREATE FUNCTION fd_ngram_term(term text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT coalesce(string_agg(p.phrase, ' & '), '')::tsquery
  FROM (SELECT '(' || (SELECT string_agg(CASE WHEN i < char_length(r.run)
                                              THEN '''' || substr(r.run, i, 2) || ''''
                                              ELSE '''' || substr(r.run, i, 1) || ''':*' END,
                                         ' <-> ' ORDER BY i)
                       FROM generate_series(1, char_length(r.run)) AS i) || ')' AS phrase
        FROM fd_ngram_runs(term) AS r) AS p;
END;

-- The user's query (websearch syntax: "a phrase", -word, or) with every word made the
-- phrase of its n-grams.
CREATE FUNCTION fd_ngram_query(q text) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  result tsquery := websearch_to_tsquery('simple', fd_match_text(q));
  word text;
BEGIN
  FOR word IN SELECT DISTINCT replace(m[1], '''''', '''')
              FROM regexp_matches(result::text, '''((?:[^'']|'''')*)''', 'g') AS m LOOP
    result := ts_rewrite(result, quote_literal(word)::tsquery, fd_ngram_term(word));
  END LOOP;
  RETURN result;
END $$;

-- A snippet for an n-gram match, marked as ts_headline marks the others (U+E000/U+E001):
-- about 160 characters from a little before the first matched word.
CREATE FUNCTION fd_ngram_headline(t text, q text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  folded text := fd_match_text(t);
  pattern text;
  first integer;
  start integer;
BEGIN
  SELECT string_agg(r.run, '|' ORDER BY char_length(r.run) DESC) INTO pattern
  FROM fd_ngram_runs(q) AS r WHERE r.run <> 'or';
  first := CASE WHEN pattern IS NULL THEN 0 ELSE regexp_instr(folded, pattern, 1, 1, 0, 'i') END;
  start := greatest(1, first - 40);
  RETURN CASE WHEN start > 1 THEN '… ' ELSE '' END
      || CASE WHEN pattern IS NULL THEN substr(folded, start, 160)
              ELSE regexp_replace(substr(folded, start, 160), pattern,
                                  U&'\E000' || '\&' || U&'\E001', 'gi') END
      || CASE WHEN start + 160 <= char_length(folded) THEN ' …' ELSE '' END;
END $$;

-- The segment vector in its transcript's configuration. One branch per configuration
-- (a cast from text to regconfig is a catalog look-up, not immutable); the CHECKs below
-- keep the column to these names.
CREATE FUNCTION fd_search_vector(config text, t text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE config
    WHEN 'english' THEN to_tsvector('pg_catalog.english', fd_match_text(t))
    WHEN 'ngram' THEN fd_ngram_vector(t)
    WHEN 'arabic' THEN to_tsvector('pg_catalog.arabic', fd_fold_case(fd_match_text(t)))
    WHEN 'armenian' THEN to_tsvector('pg_catalog.armenian', fd_fold_case(fd_match_text(t)))
    WHEN 'basque' THEN to_tsvector('pg_catalog.basque', fd_fold_case(fd_match_text(t)))
    WHEN 'catalan' THEN to_tsvector('pg_catalog.catalan', fd_fold_case(fd_match_text(t)))
    WHEN 'danish' THEN to_tsvector('pg_catalog.danish', fd_fold_case(fd_match_text(t)))
    WHEN 'dutch' THEN to_tsvector('pg_catalog.dutch', fd_fold_case(fd_match_text(t)))
    WHEN 'finnish' THEN to_tsvector('pg_catalog.finnish', fd_fold_case(fd_match_text(t)))
    WHEN 'french' THEN to_tsvector('pg_catalog.french', fd_fold_case(fd_match_text(t)))
    WHEN 'german' THEN to_tsvector('pg_catalog.german', fd_fold_case(fd_match_text(t)))
    WHEN 'greek' THEN to_tsvector('pg_catalog.greek', fd_fold_case(fd_match_text(t)))
    WHEN 'hindi' THEN to_tsvector('pg_catalog.hindi', fd_fold_case(fd_match_text(t)))
    WHEN 'hungarian' THEN to_tsvector('pg_catalog.hungarian', fd_fold_case(fd_match_text(t)))
    WHEN 'indonesian' THEN to_tsvector('pg_catalog.indonesian', fd_fold_case(fd_match_text(t)))
    WHEN 'irish' THEN to_tsvector('pg_catalog.irish', fd_fold_case(fd_match_text(t)))
    WHEN 'italian' THEN to_tsvector('pg_catalog.italian', fd_fold_case(fd_match_text(t)))
    WHEN 'lithuanian' THEN to_tsvector('pg_catalog.lithuanian', fd_fold_case(fd_match_text(t)))
    WHEN 'nepali' THEN to_tsvector('pg_catalog.nepali', fd_fold_case(fd_match_text(t)))
    WHEN 'norwegian' THEN to_tsvector('pg_catalog.norwegian', fd_fold_case(fd_match_text(t)))
    WHEN 'portuguese' THEN to_tsvector('pg_catalog.portuguese', fd_fold_case(fd_match_text(t)))
    WHEN 'romanian' THEN to_tsvector('pg_catalog.romanian', fd_fold_case(fd_match_text(t)))
    WHEN 'russian' THEN to_tsvector('pg_catalog.russian', fd_fold_case(fd_match_text(t)))
    WHEN 'serbian' THEN to_tsvector('pg_catalog.serbian', fd_fold_case(fd_match_text(t)))
    WHEN 'spanish' THEN to_tsvector('pg_catalog.spanish', fd_fold_case(fd_match_text(t)))
    WHEN 'swedish' THEN to_tsvector('pg_catalog.swedish', fd_fold_case(fd_match_text(t)))
    WHEN 'tamil' THEN to_tsvector('pg_catalog.tamil', fd_fold_case(fd_match_text(t)))
    WHEN 'turkish' THEN to_tsvector('pg_catalog.turkish', fd_fold_case(fd_match_text(t)))
    WHEN 'yiddish' THEN to_tsvector('pg_catalog.yiddish', fd_fold_case(fd_match_text(t)))
  END;

-- The query for a configuration, folded as its vectors are.
CREATE FUNCTION fd_search_query(config text, q text) RETURNS tsquery
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN CASE config
    WHEN 'english' THEN websearch_to_tsquery('pg_catalog.english', fd_match_text(q))
    WHEN 'ngram' THEN fd_ngram_query(q)
    ELSE websearch_to_tsquery(config::regconfig, fd_fold_case(fd_match_text(q)))
  END;

-- Snippets show the folded text, as before; n-gram matches are marked by their words.
CREATE FUNCTION fd_search_headline(config text, t text, query tsquery, q text) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN CASE config
    WHEN 'ngram' THEN fd_ngram_headline(t, q)
    ELSE ts_headline(config::regconfig, fd_match_text(t), query,
           'StartSel=' || U&'\E000' || ', StopSel=' || U&'\E001' || ', MaxWords=30, MinWords=12, '
           'MaxFragments=2, FragmentDelimiter=" … "')
  END;

-- ts_rank sums over the query's lexemes, and an n-gram query has several per word ("gdp"
-- is 'gd' <-> 'dp' <-> 'p':*): divided by lexemes per word, an n-gram hit ranks on the scale
-- of a stemmed one, so a search over transcripts in several languages interleaves them.
CREATE FUNCTION fd_search_rank(config text, v tsvector, query tsquery, q text) RETURNS real
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN CASE config
    WHEN 'ngram' THEN ts_rank(v, query)
      * numnode(websearch_to_tsquery('simple', fd_match_text(q))) / greatest(numnode(query), 1)
    ELSE ts_rank(v, query)
  END;

-- Rows from before this migration were searched as English: "und", "english".
ALTER TABLE transcripts
  ADD COLUMN language text NOT NULL DEFAULT 'und' CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
  ADD COLUMN search_config text NOT NULL DEFAULT 'english';
-- The segments carry their transcript's configuration: a generated column reads its own
-- row only. A live transcript's first appends set both at once.
ALTER TABLE segments DROP COLUMN tsv;
ALTER TABLE segments ADD COLUMN search_config text NOT NULL DEFAULT 'english';
ALTER TABLE segments
  ADD COLUMN tsv tsvector GENERATED ALWAYS AS (fd_search_vector(search_config, text)) STORED;
CREATE INDEX segments_tsv ON segments USING gin (tsv);
ALTER TABLE transcripts ADD CONSTRAINT transcripts_search_config
  CHECK (fd_search_vector(search_config, 'a') IS NOT NULL);
ALTER TABLE segments ADD CONSTRAINT segments_search_config
  CHECK (fd_search_vector(search_config, 'a') IS NOT NULL);
