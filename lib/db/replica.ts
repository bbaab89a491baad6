// How far behind the primary the analytics reads are. On a streaming replica (pg_is_in_recovery)
// the figures are as old as the last transaction it replayed; on the primary they are current.
import type { Db } from "./client";

/**
 * null when `db` is the primary; on a replica, the seconds it is behind (null: it has replayed no
 * transaction yet, so nobody can say). A replica that has replayed everything it received is 0
 * behind: an idle primary sends nothing, so the age of the last replayed transaction alone would
 * report a quiet night as lag.
 */
export async function replicaLag(db: Db): Promise<{ seconds: number | null } | null> {
  const [row] = await db.$queryRaw<{ standby: boolean; lag: number | null }[]>`
    select pg_is_in_recovery() as standby,
           case when not pg_is_in_recovery() then null
                when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                else extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 end as lag`;
  if (!row?.standby) return null;
  return { seconds: row.lag == null ? null : Math.max(0, Math.round(row.lag)) };
}
