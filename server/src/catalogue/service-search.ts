import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@campus/db';
import type { ServiceQuery, ServiceSummary } from './schemas.ts';

/** Splits a query into terms: whitespace and Chinese/ASCII punctuation separate them. */
function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.toLowerCase().split(/[\s,，、;；。.!！?？:："'“”‘’()（）《》【】[\]/\\|]+/u).filter(Boolean))].slice(0, 8);
}

/**
 * Relevance of one service for one term. Chinese has no spaces, so matching is by substring
 * (Postgres full-text search would need a segmenter); trigram similarity adds typo tolerance
 * for longer terms. Weights put exact keyword hits first, then name hits, then everything else.
 */
const termScore = (term: SQL) => sql`(
  case when ${term} = any(select lower(k) from unnest(s.keywords) k) then 1000 else 0 end
  + case when lower(s.name_zh) = ${term} or lower(s.name_en) = ${term} then 500 else 0 end
  + case when strpos(lower(s.name_zh), ${term}) > 0 then 300 else 0 end
  + case when strpos(lower(s.name_en), ${term}) > 0 then 200 else 0 end
  + case when exists(select 1 from unnest(s.keywords) k where strpos(lower(k), ${term}) > 0) then 150 else 0 end
  + case when ${term} ~ '^[0-9]{1,3}$' and exists(
      select 1 from service_windows sw join windows w on w.id = sw.window_id
      where sw.service_id = s.id and w.number = ${term}::int) then 120 else 0 end
  + case when strpos(lower(s.search_text), ${term}) > 0 then 50 else 0 end
  + case when char_length(${term}) >= 3 and word_similarity(${term}, lower(s.name_zh || ' ' || s.name_en)) >= 0.5
      then round(40 * word_similarity(${term}, lower(s.name_zh || ' ' || s.name_en)))::int else 0 end
)`;

export async function searchServices(db: Db, query: ServiceQuery): Promise<{ total: number; items: ServiceSummary[] }> {
  const terms = searchTerms(query.q);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const filters: SQL[] = [sql`s.active`];
  if (query.family) filters.push(sql`s.family_code = ${query.family}`);
  if (query.window !== undefined) {
    filters.push(sql`exists(select 1 from service_windows sw join windows w on w.id = sw.window_id
      where sw.service_id = s.id and w.number = ${query.window})`);
  }

  const scored = terms.length
    ? sql`(select sum(x.score)::int from unnest(${sql.param(terms)}::text[]) t(term),
          lateral (select ${termScore(sql`t.term`)} as score) x
          having bool_and(x.score > 0))`
    : sql`0`;

  const rows = await db.execute<ServiceSummary & { score: number | null; total: number }>(sql`
    with ranked as (
      select s.*, ${scored} as score from services s where ${sql.join(filters, sql` and `)}
    )
    select r.id, r.code, r.name_zh as "nameZh", r.name_en as "nameEn",
      r.description_zh as "descriptionZh", r.description_en as "descriptionEn",
      r.family_code as family, r.fee_fen as "feeFen", r.appointment_enabled as "appointmentEnabled",
      (r.online_alt_zh is not null) as "onlineAvailable", r.keywords,
      coalesce((select array_agg(w.number order by w.number) from service_windows sw
        join windows w on w.id = sw.window_id where sw.service_id = r.id), '{}') as windows,
      r.score, count(*) over ()::int as total
    from ranked r
    ${terms.length ? sql`where r.score is not null` : sql``}
    order by r.score desc nulls last, r.sort, r.id
    limit ${limit} offset ${offset}`);

  const items = rows.map(({ score: _score, total: _total, ...item }) => item);
  return { total: rows[0]?.total ?? (offset > 0 ? await countOnly(db, terms, filters, scored) : 0), items };
}

/** Past the last page the window function sees no rows; count separately so `total` stays right. */
async function countOnly(db: Db, terms: string[], filters: SQL[], scored: SQL): Promise<number> {
  const rows = await db.execute<{ total: number }>(sql`
    select count(*)::int as total from (select ${scored} as score from services s where ${sql.join(filters, sql` and `)}) r
    ${terms.length ? sql`where r.score is not null` : sql``}`);
  return rows[0]?.total ?? 0;
}
