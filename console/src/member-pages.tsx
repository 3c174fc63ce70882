// The pages of a member of an organisation, each offered by permission (GET /api/auth/me's `permissions`); what the
// role may not do is not shown, and a 403 the API still answers is shown as such.

import { useMemo, useState } from 'preact/hooks';
import qrcode from 'qrcode-generator';
import { PERMISSIONS } from '../../functions/domain/permissions.ts';
import { formatDate, t } from './i18n.ts';
import { type Answer, call, client, signOut } from './session.ts';
import { formValues, Problem, useLoad } from './ui.tsx';

export interface Member {
  orgId: string;
  can: (permission: string) => boolean;
  reloadMe: () => Promise<void>;
}

/** Join requests and invitation answers appear within 5 s: these lists poll every 3 s while visible. */
const POLL_MS = 3000;

function useRoles(orgId: string) {
  const { data } = useLoad(() => call(() => client.GET('/api/organisations/{id}/roles', { params: { path: { id: orgId } } })), [orgId]);
  return data?.items.map((role) => role.name) ?? ['ADMIN', 'MEMBER', 'VIEWER'];
}

function RoleSelect({ roles, value, name = 'role' }: { roles: string[]; value?: string; name?: string }) {
  return (
    <label>
      {t('role')}
      <select name={name} value={value}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
    </label>
  );
}

export function MembersPage({ orgId, can }: Member) {
  const path = { id: orgId };
  const { data, answer, reload } = useLoad(() => call(() => client.GET('/api/organisations/{id}/members', { params: { path } })), [orgId]);
  const roles = useRoles(orgId);
  const [result, setResult] = useState<Answer<unknown>>();
  const manage = can('members:manage');
  const update = async (userId: string, body: { role?: string; status?: 'ACTIVE' | 'SUSPENDED' }) => {
    setResult(await call(() => client.PATCH('/api/organisations/{id}/members/{userId}', { params: { path: { ...path, userId } }, body })));
    await reload();
  };
  const remove = async (userId: string) => {
    setResult(await call(() => client.DELETE('/api/organisations/{id}/members/{userId}', { params: { path: { ...path, userId } } })));
    await reload();
  };
  return (
    <section>
      <h2>{t('members')}</h2>
      <Problem answer={answer} />
      <Problem answer={result} />
      <table>
        <thead>
          <tr>
            <th>{t('username')}</th>
            <th>{t('name')}</th>
            <th>{t('role')}</th>
            <th>{t('status')}</th>
            <th>{t('joined')}</th>
            {manage && <th>{t('actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {data?.items.map((member) => (
            <tr key={member.userId} data-username={member.username}>
              <td>{member.username}</td>
              <td>
                {member.prenom} {member.nom}
              </td>
              <td>{member.role}</td>
              <td>{member.status}</td>
              <td>{formatDate(member.joinedAt)}</td>
              {manage && (
                <td>
                  <form
                    class="inline"
                    onSubmit={(event) => void update(member.userId, { role: formValues(event).role ?? member.role })}
                    aria-label={`${t('role')} ${member.username}`}
                  >
                    <RoleSelect roles={roles} value={member.role} />
                    <button type="submit">{t('save')}</button>
                    {member.status === 'SUSPENDED' ? (
                      <button type="button" class="secondary" onClick={() => void update(member.userId, { status: 'ACTIVE' })}>
                        {t('reactivate')}
                      </button>
                    ) : (
                      <button type="button" class="secondary" onClick={() => void update(member.userId, { status: 'SUSPENDED' })}>
                        {t('suspend')}
                      </button>
                    )}
                    <button type="button" class="danger" onClick={() => void remove(member.userId)}>
                      {t('remove')}
                    </button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function InvitationsPage({ orgId }: Member) {
  const path = { id: orgId };
  const { data, answer, reload } = useLoad(
    () => call(() => client.GET('/api/organisations/{id}/invitations', { params: { path } })),
    [orgId],
    POLL_MS,
  );
  const roles = useRoles(orgId);
  const [result, setResult] = useState<Answer<unknown>>();
  const invite = async (event: Event) => {
    const form = event.currentTarget as HTMLFormElement;
    const { email = '', role = 'MEMBER' } = formValues(event);
    const answered = await call(() => client.POST('/api/organisations/{id}/invitations', { params: { path }, body: { email, role } }));
    setResult(answered);
    if (answered.data) form.reset();
    await reload();
  };
  const revoke = async (invitationId: string) => {
    setResult(
      await call(() =>
        client.DELETE('/api/organisations/{id}/invitations/{invitationId}', { params: { path: { ...path, invitationId } } }),
      ),
    );
    await reload();
  };
  return (
    <section>
      <h2>{t('invitations')}</h2>
      <form class="inline card" onSubmit={(event) => void invite(event)}>
        <label>
          {t('email')}
          <input name="email" type="email" required autocomplete="off" />
        </label>
        <RoleSelect roles={roles.filter((role) => role !== 'ADMIN' || true)} value="MEMBER" />
        <button type="submit">{t('invite')}</button>
      </form>
      <Problem answer={answer} />
      <Problem answer={result} />
      <table>
        <thead>
          <tr>
            <th>{t('email')}</th>
            <th>{t('role')}</th>
            <th>{t('status')}</th>
            <th>{t('expires')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((invitation) => (
            <tr key={invitation.id}>
              <td>{invitation.email ?? invitation.username}</td>
              <td>{invitation.role}</td>
              <td>{invitation.status}</td>
              <td>{formatDate(invitation.expiresAt)}</td>
              <td>
                {invitation.status === 'PENDING' && (
                  <button
                    type="button"
                    class="danger"
                    aria-label={`${t('revoke')} ${invitation.email ?? ''}`}
                    onClick={() => void revoke(invitation.id)}
                  >
                    {t('revoke')}
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

export function JoinRequestsPage({ orgId }: Member) {
  const path = { id: orgId };
  const { data, answer, reload } = useLoad(
    () => call(() => client.GET('/api/organisations/{id}/join-requests', { params: { path } })),
    [orgId],
    POLL_MS,
  );
  const roles = useRoles(orgId).filter((role) => role !== 'ADMIN');
  const [result, setResult] = useState<Answer<unknown>>();
  const items = useMemo(
    () =>
      [...(data?.items ?? [])].sort(
        (a, b) => Number(b.status === 'PENDING') - Number(a.status === 'PENDING') || b.createdAt.localeCompare(a.createdAt),
      ),
    [data],
  );
  const approve = async (userId: string, role: string) => {
    setResult(
      await call(() =>
        client.POST('/api/organisations/{id}/join-requests/{userId}/approve', { params: { path: { ...path, userId } }, body: { role } }),
      ),
    );
    await reload();
  };
  const reject = async (userId: string, reason: string) => {
    setResult(
      await call(() =>
        client.POST('/api/organisations/{id}/join-requests/{userId}/reject', { params: { path: { ...path, userId } }, body: { reason } }),
      ),
    );
    await reload();
  };
  return (
    <section>
      <h2>{t('joinRequests')}</h2>
      <p class="muted">{t('pendingFirst')}</p>
      <Problem answer={answer} />
      <Problem answer={result} />
      <table>
        <thead>
          <tr>
            <th>{t('username')}</th>
            <th>{t('name')}</th>
            <th>{t('status')}</th>
            <th>{t('created')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((request) => (
            <tr key={request.userId} data-username={request.username}>
              <td>{request.username}</td>
              <td>
                {request.prenom} {request.nom}
              </td>
              <td>{request.status}</td>
              <td>{formatDate(request.createdAt)}</td>
              <td>
                {request.status === 'PENDING' ? (
                  <div class="row-actions">
                    <form
                      class="inline"
                      aria-label={`${t('approve')} ${request.username}`}
                      onSubmit={(event) => void approve(request.userId, formValues(event).role ?? request.requestedRole)}
                    >
                      <RoleSelect roles={roles} value={request.requestedRole} />
                      <button type="submit">{t('approve')}</button>
                    </form>
                    <form
                      class="inline"
                      aria-label={`${t('reject')} ${request.username}`}
                      onSubmit={(event) => void reject(request.userId, formValues(event).reason ?? '')}
                    >
                      <label>
                        {t('reason')}
                        <input name="reason" required />
                      </label>
                      <button type="submit" class="danger">
                        {t('reject')}
                      </button>
                    </form>
                  </div>
                ) : (
                  (request.role ?? request.reason ?? '')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && <p>{t('noItems')}</p>}
    </section>
  );
}

export function JoinCodePage({ orgId }: Member) {
  const path = { id: orgId };
  const { data, answer, reload } = useLoad(
    () => call(() => client.GET('/api/organisations/{id}/join-code', { params: { path } })),
    [orgId],
  );
  const roles = useRoles(orgId).filter((role) => role !== 'ADMIN');
  const [result, setResult] = useState<Answer<unknown>>();
  const [copied, setCopied] = useState(false);
  const rotate = async () => {
    setResult(await call(() => client.POST('/api/organisations/{id}/join-code/rotate', { params: { path } })));
    await reload();
  };
  const save = async (event: Event) => {
    const form = event.currentTarget as HTMLFormElement;
    const values = formValues(event);
    const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).checked;
    setResult(
      await call(() =>
        client.PATCH('/api/organisations/{id}/join-code', {
          params: { path },
          body: {
            enabled: checked('enabled'),
            requiresApproval: checked('requiresApproval'),
            sharedWithMembers: checked('sharedWithMembers'),
            role: values.role ?? 'MEMBER',
          },
        }),
      ),
    );
    await reload();
  };
  return (
    <section>
      <h2>{t('joinCode')}</h2>
      <Problem answer={answer} />
      <Problem answer={result} />
      {data && (
        <>
          <div class="card row-actions">
            <span class="sr-only">{t('code')}</span>
            <code class="big">{data.code}</code>
            <button
              type="button"
              class="secondary"
              onClick={() => void navigator.clipboard?.writeText(data.code).then(() => setCopied(true))}
            >
              {copied ? t('copied') : t('copy')}
            </button>
            <button type="button" onClick={() => void rotate()}>
              {t('rotate')}
            </button>
            <span class="muted">
              {t('uses')}: {data.uses}
              {data.maxUses !== null ? ` / ${data.maxUses}` : ''}
            </span>
          </div>
          <form class="stack card" onSubmit={(event) => void save(event)} key={JSON.stringify(data)}>
            <label class="check">
              <input type="checkbox" name="enabled" checked={data.enabled} /> {t('enabled')}
            </label>
            <label class="check">
              <input type="checkbox" name="requiresApproval" checked={data.requiresApproval} /> {t('requiresApproval')}
            </label>
            <label class="check">
              <input type="checkbox" name="sharedWithMembers" checked={data.sharedWithMembers} /> {t('sharedWithMembers')}
            </label>
            <RoleSelect roles={roles} value={data.role} />
            <button type="submit">{t('save')}</button>
          </form>
        </>
      )}
    </section>
  );
}

export function RolesPage({ orgId, can }: Member) {
  const path = { id: orgId };
  const { data, answer, reload } = useLoad(() => call(() => client.GET('/api/organisations/{id}/roles', { params: { path } })), [orgId]);
  const [result, setResult] = useState<Answer<unknown>>();
  const create = async (event: Event) => {
    const form = event.currentTarget as HTMLFormElement;
    const { name = '', description = '' } = formValues(event);
    const permissions = PERMISSIONS.filter((permission) => (form.elements.namedItem(permission) as HTMLInputElement).checked);
    const answered = await call(() =>
      client.POST('/api/organisations/{id}/roles', {
        params: { path },
        body: { name, permissions, ...(description ? { description } : {}) },
      }),
    );
    setResult(answered);
    if (answered.data) form.reset();
    await reload();
  };
  const remove = async (name: string) => {
    setResult(await call(() => client.DELETE('/api/organisations/{id}/roles/{name}', { params: { path: { ...path, name } } })));
    await reload();
  };
  return (
    <section>
      <h2>{t('roles')}</h2>
      <Problem answer={answer} />
      <Problem answer={result} />
      <table>
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('permissions')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((role) => (
            <tr key={role.name}>
              <td>{role.name}</td>
              <td>{role.permissions.join(', ')}</td>
              <td>
                {!role.builtIn && can('roles:manage') && (
                  <button type="button" class="danger" aria-label={`${t('delete')} ${role.name}`} onClick={() => void remove(role.name)}>
                    {t('delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('roles:manage') && (
        <form class="stack card" onSubmit={(event) => void create(event)}>
          <h3>{t('newRole')}</h3>
          <label>
            {t('name')}
            <input name="name" required />
          </label>
          <label>
            {t('description')}
            <input name="description" />
          </label>
          <fieldset>
            <legend>{t('permissions')}</legend>
            {PERMISSIONS.map((permission) => (
              <label class="check" key={permission}>
                <input type="checkbox" name={permission} /> {permission}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t('create')}</button>
        </form>
      )}
    </section>
  );
}

/** RFC 4180 quoting, and a leading =, +, - or @ neutralised so a spreadsheet never runs a cell as a formula. */
export function toCsv(rows: string[][]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export function AuditList({
  items,
  answer,
  title,
}: {
  items: { id: string; action: string; actorId: string; target?: string; at: string }[];
  answer: Answer<unknown> | undefined;
  title: string;
}) {
  const [filter, setFilter] = useState('');
  const shown = items.filter((item) => item.action.toLowerCase().includes(filter.toLowerCase()));
  return (
    <section>
      <h2>{title}</h2>
      <Problem answer={answer} />
      <div class="row-actions">
        <label>
          {t('filter')}
          <input type="search" value={filter} onInput={(event) => setFilter((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            download(
              'audit.csv',
              toCsv([['at', 'action', 'actorId', 'target'], ...shown.map((i) => [i.at, i.action, i.actorId, i.target ?? ''])]),
            )
          }
        >
          {t('exportCsv')}
        </button>
      </div>
      <table>
        <thead>
          <tr>
            <th>{t('when')}</th>
            <th>{t('action')}</th>
            <th>{t('actor')}</th>
            <th>{t('target')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={item.id}>
              <td>{formatDate(item.at)}</td>
              <td>{item.action}</td>
              <td>{item.actorId}</td>
              <td>{item.target ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AuditPage({ orgId }: Member) {
  const { data, answer } = useLoad(
    () => call(() => client.GET('/api/organisations/{id}/audit', { params: { path: { id: orgId } } })),
    [orgId],
  );
  return <AuditList items={typeof data === 'object' ? data.items : []} answer={answer} title={t('audit')} />;
}

export function PatientsPage({ can }: Member) {
  const { data, answer, reload } = useLoad(() => call(() => client.GET('/api/patients')), []);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<string | undefined>();
  const [result, setResult] = useState<Answer<unknown>>();
  const write = can('patients:write');
  const shown = (data?.items ?? []).filter((p) => `${p.nom} ${p.prenom} ${p.email ?? ''}`.toLowerCase().includes(query.toLowerCase()));
  const create = async (event: Event) => {
    const form = event.currentTarget as HTMLFormElement;
    const { nom = '', prenom = '', dateNaissance = '' } = formValues(event);
    const answered = await call(() => client.POST('/api/patients', { body: { nom, prenom, ...(dateNaissance ? { dateNaissance } : {}) } }));
    setResult(answered);
    if (answered.data) form.reset();
    await reload();
  };
  const save = async (event: Event, id: string) => {
    const { nom = '', prenom = '' } = formValues(event);
    setResult(await call(() => client.PATCH('/api/patients/{id}', { params: { path: { id } }, body: { nom, prenom } })));
    setEditing(undefined);
    await reload();
  };
  const remove = async (id: string) => {
    setResult(await call(() => client.DELETE('/api/patients/{id}', { params: { path: { id } } })));
    await reload();
  };
  return (
    <section>
      <h2>{t('patients')}</h2>
      <label>
        {t('search')}
        <input type="search" value={query} onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)} />
      </label>
      <Problem answer={answer} />
      <Problem answer={result} />
      <table>
        <thead>
          <tr>
            <th>{t('lastName')}</th>
            <th>{t('firstName')}</th>
            <th>{t('birthDate')}</th>
            {write && <th>{t('actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((patient) =>
            editing === patient.id ? (
              <tr key={patient.id}>
                <td colSpan={4}>
                  <form class="inline" onSubmit={(event) => void save(event, patient.id)}>
                    <label>
                      {t('lastName')}
                      <input name="nom" value={patient.nom} required />
                    </label>
                    <label>
                      {t('firstName')}
                      <input name="prenom" value={patient.prenom} required />
                    </label>
                    <button type="submit">{t('save')}</button>
                    <button type="button" class="secondary" onClick={() => setEditing(undefined)}>
                      {t('cancel')}
                    </button>
                  </form>
                </td>
              </tr>
            ) : (
              <tr key={patient.id}>
                <td>{patient.nom}</td>
                <td>{patient.prenom}</td>
                <td>{patient.dateNaissance ?? ''}</td>
                {write && (
                  <td class="row-actions">
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`${t('edit')} ${patient.prenom} ${patient.nom}`}
                      onClick={() => setEditing(patient.id)}
                    >
                      {t('edit')}
                    </button>
                    <button
                      type="button"
                      class="danger"
                      aria-label={`${t('delete')} ${patient.prenom} ${patient.nom}`}
                      onClick={() => void remove(patient.id)}
                    >
                      {t('delete')}
                    </button>
                  </td>
                )}
              </tr>
            ),
          )}
        </tbody>
      </table>
      {write && (
        <form class="inline card" onSubmit={(event) => void create(event)} aria-label={t('newPatient')}>
          <label>
            {t('lastName')}
            <input name="nom" required />
          </label>
          <label>
            {t('firstName')}
            <input name="prenom" required />
          </label>
          <label>
            {t('birthDate')}
            <input name="dateNaissance" type="date" />
          </label>
          <button type="submit">{t('create')}</button>
        </form>
      )}
    </section>
  );
}

function QrCode({ text }: { text: string }) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  const cells: string[] = [];
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) if (qr.isDark(row, col)) cells.push(`M${col + 2},${row + 2}h1v1h-1z`);
  return (
    <svg class="qr" viewBox={`0 0 ${size + 4} ${size + 4}`} role="img" aria-label="QR code">
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}

export function ProfilePage({ reloadMe }: { reloadMe: () => Promise<void> }) {
  const { data, answer, reload } = useLoad(() => call(() => client.GET('/api/auth/me')), []);
  const [result, setResult] = useState<Answer<unknown>>();
  const [saved, setSaved] = useState(false);
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string; password: string }>();
  const user = data?.user;
  const saveFields = async (event: Event) => {
    const { nom = '', prenom = '', email = '' } = formValues(event);
    const answered = await call(() =>
      client.PATCH('/api/auth/me', { body: { nom, prenom, ...(email && email !== user?.email ? { email } : {}) } }),
    );
    setResult(answered);
    setSaved(Boolean(answered.data));
    await reload();
    await reloadMe();
  };
  const changePassword = async (event: Event) => {
    const form = event.currentTarget as HTMLFormElement;
    const { currentPassword = '', newPassword = '' } = formValues(event);
    const answered = await call(() => client.POST('/api/auth/password', { body: { currentPassword, newPassword } }));
    setResult(answered);
    setSaved(Boolean(answered.data));
    if (answered.data) form.reset();
  };
  const startMfa = async (event: Event) => {
    const { password = '' } = formValues(event);
    const answered = await call(() => client.POST('/api/auth/mfa/totp', { body: { password } }));
    setResult(answered);
    if (answered.data) setEnrolment({ ...answered.data, password });
  };
  const verifyMfa = async (event: Event) => {
    const { code = '' } = formValues(event);
    const answered = await call(() => client.POST('/api/auth/mfa/totp/verify', { body: { password: enrolment?.password ?? '', code } }));
    setResult(answered);
    if (answered.data) setEnrolment(undefined);
    await reload();
  };
  if (!user) return <Problem answer={answer} />;
  return (
    <section>
      <h2>{t('profile')}</h2>
      <Problem answer={result} />
      {saved && !result?.error && (
        <p class="notice" role="status">
          {t('saved')}
        </p>
      )}
      <form class="stack card" onSubmit={(event) => void saveFields(event)}>
        <p class="muted">
          {t('username')}: {user.username}
        </p>
        <label>
          {t('lastName')}
          <input name="nom" value={user.nom} required />
        </label>
        <label>
          {t('firstName')}
          <input name="prenom" value={user.prenom} />
        </label>
        <label>
          {t('email')}
          <input name="email" type="email" value={user.email ?? ''} />
        </label>
        <p class="muted">{user.email ? (user.emailVerified ? t('emailVerified') : t('emailNotVerified')) : ''}</p>
        <button type="submit">{t('save')}</button>
        {user.email && !user.emailVerified && (
          <button
            type="button"
            class="secondary"
            onClick={() => void call(() => client.POST('/api/auth/verify-email/resend')).then(setResult)}
          >
            {t('resendVerification')}
          </button>
        )}
      </form>
      <form class="stack card" onSubmit={(event) => void changePassword(event)}>
        <h3>{t('changePassword')}</h3>
        <label>
          {t('currentPassword')}
          <input name="currentPassword" type="password" autocomplete="current-password" required />
        </label>
        <label>
          {t('newPassword')}
          <input name="newPassword" type="password" autocomplete="new-password" required />
        </label>
        <button type="submit">{t('save')}</button>
      </form>
      <div class="card">
        <h3>MFA</h3>
        {user.mfaEnabled ? (
          <p role="status">{t('mfaOn')}</p>
        ) : enrolment ? (
          <form class="stack" onSubmit={(event) => void verifyMfa(event)}>
            <p>{t('mfaScan')}</p>
            <QrCode text={enrolment.otpauthUri} />
            <p class="muted">
              <code data-testid="totp-secret">{enrolment.secret}</code>
            </p>
            <label>
              {t('mfaCode')}
              <input name="code" inputMode="numeric" autocomplete="one-time-code" required />
            </label>
            <button type="submit">{t('verify')}</button>
          </form>
        ) : (
          <form class="stack" onSubmit={(event) => void startMfa(event)}>
            <label>
              {t('password')}
              <input name="password" type="password" autocomplete="current-password" required />
            </label>
            <button type="submit">{t('setUpAuthenticator')}</button>
          </form>
        )}
      </div>
      <Sessions />
    </section>
  );
}

/** The person's sessions, one per device (GET /api/auth/sessions): end one, or all of them. */
function Sessions() {
  const { data, answer, reload } = useLoad(() => call(() => client.GET('/api/auth/sessions')), []);
  const [ended, setEnded] = useState<Answer<unknown>>();
  const end = async (sessionId: string) => {
    const answered = await call(() => client.DELETE('/api/auth/sessions/{sessionId}', { params: { path: { sessionId } } }));
    setEnded(answered);
    await reload();
  };
  return (
    <div class="card">
      <h3>{t('sessionsTitle')}</h3>
      <p class="muted">{t('sessionsHint')}</p>
      <Problem answer={ended ?? answer} />
      <table>
        <thead>
          <tr>
            <th>{t('device')}</th>
            <th>{t('since')}</th>
            <th>{t('lastUsed')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.items ?? []).map((device) => (
            <tr key={device.id}>
              <td>
                {device.userAgent ?? device.appClient} {device.ipAddress ? `(${device.ipAddress})` : ''}
              </td>
              <td>{formatDate(device.createdAt)}</td>
              <td>{formatDate(device.lastUsedAt)}</td>
              <td>
                {device.current ? (
                  <span class="muted">{t('thisDevice')}</span>
                ) : (
                  <button type="button" class="secondary" onClick={() => void end(device.id)}>
                    {t('endSession')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" class="danger" onClick={() => void signOut(true)}>
        {t('signOutEverywhere')}
      </button>
    </div>
  );
}
