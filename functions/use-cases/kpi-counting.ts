// Counting the platform's KPIs from the table's stream (domain/metrics.ts): the KPI records that changes wrote in
// their own transactions, added to the counters exactly once. A failure here (a throttled counter) fails the stream
// batch, which is retried; it never reaches the change that wrote the record.
import { KPI_RECORD_TYPE, kpiRecordFromItem } from '#domain/metrics';
import { countKpiRecords } from '#repositories/metrics';

/** Counts the KPI records among new items (the stream's new images); answers how many were counted now. */
export async function countKpis(newItems: readonly Record<string, unknown>[]): Promise<number> {
  const records = newItems.filter((item) => item.type === KPI_RECORD_TYPE).map(kpiRecordFromItem);
  return records.length > 0 ? countKpiRecords(records) : 0;
}
