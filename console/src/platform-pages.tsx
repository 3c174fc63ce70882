// A platform operator's pages: organisations (create with its first admin's invitation, suspend, reactivate, plan
// limits), the KPIs by month as inline SVG charts, and the platform trail.
import { useState } from 'preact/hooks';
import { formatDate, formatNumber, t } from './i18n.ts';
import { AuditList } from './member-pages.tsx';
import { type Answer, call, client } from './session.ts';
import { formValues, Problem, useLoad } from './ui.tsx';

export function OrganisationsPage() {
  const { data, answer, reload } = useLoad(() => call(() => client.GET('/api/platform/organisations')), []);
  const [result, setResult] = useState<Answer<unknown>>();
  const create = async (event: Event) => {
    const form = event.currentTarget as HTMLFormElement;
    const { organisationName = '', adminEmail = '' } = formValues(event);
    const answered = await call(() =>
      client.POST('/api/platform/organisations', { body: { organisationName, adminEmail, expiresInHours: 72 } }),
    );
    setResult(answered);
    if (answered.data) form.reset();
    await reload();
  };
  const act = async (id: string, action: 'suspend' | 'reactivate') => {
    const params = { params: { path: { id } } };
    setResult(
      await call(() =>
        action === 'suspend'
          ? client.POST('/api/platform/organisations/{id}/suspend', params)
          : client.POST('/api/platform/organisations/{id}/reactivate', params),
      ),
    );
    await reload();
  };
  const limits = async (event: Event, id: string) => {
    const { maxUsers = '', subscriptionTier = 'free' } = formValues(event);
    setResult(
      await call(() =>
        client.PATCH('/api/platform/organisations/{id}', {
          params: { path: { id } },
          body: { maxUsers: Number(maxUsers), subscriptionTier: subscriptionTier as 'free' | 'pro' | 'enterprise' },
        }),
      ),
    );
    await reload();
  };
  return (
    <section>
      <h2>{t('organisations')}</h2>
      <form class="inline card" onSubmit={(event) => void create(event)}>
        <label>
          {t('organisationName')}
          <input name="organisationName" required />
        </label>
        <label>
          {t('adminEmail')}
          <input name="adminEmail" type="email" required />
        </label>
        <button type="submit">{t('create')}</button>
      </form>
      <Problem answer={answer} />
      <Problem answer={result} />
      <table>
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('status')}</th>
            <th>{t('members')}</th>
            <th>{t('created')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((organisation) => (
            <tr key={organisation.id}>
              <td>{organisation.nom}</td>
              <td>{organisation.status}</td>
              <td>
                {formatNumber(organisation.memberCount)} / {formatNumber(organisation.maxUsers)}
              </td>
              <td>{formatDate(organisation.createdAt)}</td>
              <td class="row-actions">
                <form
                  class="inline"
                  aria-label={`${t('maxUsers')} ${organisation.nom}`}
                  onSubmit={(event) => void limits(event, organisation.id)}
                >
                  <label>
                    {t('maxUsers')}
                    <input name="maxUsers" type="number" min="1" value={organisation.maxUsers} />
                  </label>
                  <label>
                    {t('tier')}
                    <select name="subscriptionTier" value={organisation.subscriptionTier}>
                      <option value="free">free</option>
                      <option value="pro">pro</option>
                      <option value="enterprise">enterprise</option>
                    </select>
                  </label>
                  <button type="submit">{t('save')}</button>
                </form>
                {organisation.status === 'SUSPENDED' ? (
                  <button type="button" class="secondary" onClick={() => void act(organisation.id, 'reactivate')}>
                    {t('reactivate')}
                  </button>
                ) : (
                  <button type="button" class="danger" onClick={() => void act(organisation.id, 'suspend')}>
                    {t('suspend')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A bar chart in inline SVG: one bar per month, its value written above it. */
export function BarChart({ title, points }: { title: string; points: { label: string; value: number }[] }) {
  const width = Math.max(240, points.length * 48);
  const height = 160;
  const max = Math.max(1, ...points.map((point) => point.value));
  return (
    <figure class="card">
      <figcaption>{title}</figcaption>
      <svg class="chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {points.map((point, index) => {
          const barHeight = (point.value / max) * (height - 50);
          const x = index * 48 + 10;
          return (
            <g key={point.label}>
              <rect class="bar" x={x} y={height - 25 - barHeight} width={32} height={barHeight} />
              <text x={x + 16} y={height - 30 - barHeight} text-anchor="middle">
                {formatNumber(point.value)}
              </text>
              <text x={x + 16} y={height - 8} text-anchor="middle">
                {point.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function MetricsPage() {
  const { data, answer } = useLoad(() => call(() => client.GET('/api/platform/metrics')), []);
  const months = data?.months ?? [];
  return (
    <section>
      <h2>{t('metrics')}</h2>
      <Problem answer={answer} />
      <BarChart title={t('orgsCreated')} points={months.map((m) => ({ label: m.month.slice(2), value: m.organisationsCreated }))} />
      <BarChart title={t('approvals')} points={months.map((m) => ({ label: m.month.slice(2), value: m.joinRequests.approved }))} />
      <BarChart
        title={t('approvalTime')}
        points={months.map((m) => ({
          label: m.month.slice(2),
          value: Math.round((m.joinRequests.medianTimeToApproval?.estimateSeconds ?? 0) / 360) / 10,
        }))}
      />
    </section>
  );
}

export function PlatformTrailPage() {
  const { data, answer } = useLoad(() => call(() => client.GET('/api/platform/audit')), []);
  return <AuditList items={typeof data === 'object' ? data.items : []} answer={answer} title={t('platformTrail')} />;
}
