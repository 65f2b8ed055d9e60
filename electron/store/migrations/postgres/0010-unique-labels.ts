import type { PostgresMigration } from './types';

/**
 * The twin of ../0010-unique-labels.ts: a block label once per stage, an accession number once
 * per clinic. A stage with a label twice refuses the upgrade (the labels are on the slides;
 * the whole migration transaction rolls back, nothing is written). Cases that already share an
 * accession number are exempt in the index (keyed on their own id), all but the first of each group, and reported in the same
 * settings row as on SQLite; the statements are built in PL/pgSQL because the exempt list is
 * the data's.
 */
export const uniqueLabels: PostgresMigration = {
  version: 10,
  name: 'unique-labels',
  statements: [
    `DO $$
      DECLARE found text;
      BEGIN
        SELECT string_agg(format('lesion %s stage %s: block %s %s times', l.label, s.number, d.label, d.n), '; ')
          INTO found
          FROM (SELECT stage_id, label, count(*) AS n FROM blocks GROUP BY stage_id, label HAVING count(*) > 1) d
          JOIN stages s ON s.id = d.stage_id JOIN lesions l ON l.id = s.lesion_id;
        IF found IS NOT NULL THEN
          RAISE EXCEPTION 'This database has blocks with the same label in one stage (%). Block labels are printed on the slides, so Layermap will not renumber them, and this version needs each label once per stage. The database was not upgraded and was left exactly as it was; ask Layermap support before relabelling any slide.', found
            USING ERRCODE = 'P0001';
        END IF;
      END $$`,
    `CREATE UNIQUE INDEX blocks_stage_label ON blocks (stage_id, label)`,
    `DO $$
      DECLARE exempt text; report text;
      BEGIN
        -- All but the first case of each group sharing a number: the first keeps it in the index.
        SELECT string_agg(quote_literal(id), ', ' ORDER BY id) INTO exempt
          FROM (SELECT id, row_number() OVER (PARTITION BY accession_number ORDER BY id) AS n
                  FROM cases WHERE accession_number <> '') c WHERE n > 1;
        IF exempt IS NULL THEN
          CREATE UNIQUE INDEX cases_accession ON cases (accession_number) WHERE accession_number <> '';
        ELSE
          EXECUTE format('CREATE UNIQUE INDEX cases_accession ON cases (accession_number, (CASE WHEN id IN (%s) THEN id ELSE '''' END)) WHERE accession_number <> ''''', exempt);
          SELECT json_agg(json_build_object('accessionNumber', a, 'caseIds', ids) ORDER BY a)::text INTO report
            FROM (SELECT accession_number AS a, json_agg(id ORDER BY id) AS ids FROM cases WHERE accession_number <> ''
                  GROUP BY accession_number HAVING count(*) > 1) g;
          INSERT INTO settings (key, value_json, version, updated_at)
            VALUES ('upgrade.sharedAccessionNumbers', report, 1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
        END IF;
      END $$`,
  ],
};
