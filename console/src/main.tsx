// The Cabinet console: one page application under /console/ (path routes; the server answers index.html for each),
// Preact for the views, the typed client (clients/typescript) for every API call.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { lang, t } from './i18n.ts';
import {
  AuditPage,
  InvitationsPage,
  JoinCodePage,
  JoinRequestsPage,
  type Member,
  MembersPage,
  PatientsPage,
  ProfilePage,
  RolesPage,
} from './member-pages.tsx';
import { MetricsPage, OrganisationsPage, PlatformTrailPage } from './platform-pages.tsx';
import { AcceptInvitationPage, RegisterPage, SignInPage, VerifyEmailPage } from './public-pages.tsx';
import { CALLBACK_PATH, call, client, completeSignIn, loadConfig, replaceToken, session, signOut } from './session.ts';
import type { Signal } from './state.ts';

const path = { value: location.pathname };
function navigate(to: string) {
  history.pushState(null, '', to);
  path.value = to;
  rerender();
}
addEventListener('popstate', () => {
  path.value = location.pathname;
  rerender();
});

interface NavItem {
  slug: string;
  label: () => string;
  permission?: string;
  platform?: boolean;
  page: (member: Member) => preact.JSX.Element;
}
const NAV: NavItem[] = [
  { slug: 'members', label: () => t('members'), permission: 'members:read', page: (m) => <MembersPage {...m} /> },
  { slug: 'invitations', label: () => t('invitations'), permission: 'invitations:manage', page: (m) => <InvitationsPage {...m} /> },
  { slug: 'join-requests', label: () => t('joinRequests'), permission: 'join-requests:manage', page: (m) => <JoinRequestsPage {...m} /> },
  { slug: 'join-code', label: () => t('joinCode'), permission: 'organisation:manage', page: (m) => <JoinCodePage {...m} /> },
  { slug: 'roles', label: () => t('roles'), permission: 'members:read', page: (m) => <RolesPage {...m} /> },
  { slug: 'audit', label: () => t('audit'), permission: 'audit:read', page: (m) => <AuditPage {...m} /> },
  { slug: 'patients', label: () => t('patients'), permission: 'patients:read', page: (m) => <PatientsPage {...m} /> },
  { slug: 'organisations', label: () => t('organisations'), platform: true, page: () => <OrganisationsPage /> },
  { slug: 'metrics', label: () => t('metrics'), platform: true, page: () => <MetricsPage /> },
  { slug: 'platform-audit', label: () => t('platformTrail'), platform: true, page: () => <PlatformTrailPage /> },
  { slug: 'profile', label: () => t('profile'), page: (m) => <ProfilePage reloadMe={m.reloadMe} /> },
];

type Me = NonNullable<Awaited<ReturnType<typeof loadMe>>>;
async function loadMe() {
  const [me, organisations] = await Promise.all([call(() => client.GET('/api/auth/me')), call(() => client.GET('/api/organisations'))]);
  return me.data ? { ...me.data, memberships: organisations.data?.items ?? [] } : undefined;
}

function LanguageSwitch() {
  return (
    <label>
      <span class="sr-only">{t('language')}</span>
      <select
        aria-label={t('language')}
        value={lang.value}
        onChange={(event) => {
          lang.value = (event.currentTarget as HTMLSelectElement).value as 'en' | 'fr';
          document.documentElement.lang = lang.value;
        }}
      >
        <option value="en">English</option>
        <option value="fr">Français</option>
      </select>
    </label>
  );
}

function SignedIn() {
  const [me, setMe] = useState<Me>();
  const reloadMe = async () => setMe(await loadMe());
  useEffect(() => void reloadMe(), [session.value?.idToken]);
  if (!me) return <p class="center">{t('loading')}</p>;
  const superAdmin = session.value?.superAdmin ?? false;
  const permissions = new Set(me.permissions);
  const can = (permission: string) => permissions.has(permission);
  const items = NAV.filter((item) => (item.platform ? superAdmin : !item.permission || (me.organisation && can(item.permission))));
  const slug = path.value.replace(/^\/console\/?/, '').split('/')[0] || '';
  const current = items.find((item) => item.slug === slug) ?? items[0];
  const switchTo = async (organisationId: string) => {
    const refreshToken = session.value?.refreshToken ?? '';
    const answer = await call(() => client.POST('/api/auth/switch-organisation', { body: { organisationId, refreshToken } }));
    if (answer.data) replaceToken(answer.data.token, answer.data.expiresIn);
  };
  const member: Member = { orgId: me.organisation?.id ?? '', can, reloadMe };
  return (
    <>
      <header>
        <h1>{t('appName')}</h1>
        {me.memberships.length > 0 && (
          <label>
            {t('organisation')}
            <select value={me.organisation?.id ?? ''} onChange={(event) => void switchTo((event.currentTarget as HTMLSelectElement).value)}>
              {!me.organisation && <option value="">—</option>}
              {me.memberships
                .filter((m) => m.status === 'ACTIVE')
                .map((m) => (
                  <option key={m.organisation.id} value={m.organisation.id}>
                    {m.organisation.nom}
                  </option>
                ))}
            </select>
          </label>
        )}
        <span class="spacer" />
        <span class="muted">{me.user.username}</span>
        <LanguageSwitch />
        <button type="button" class="secondary" onClick={() => void signOut().then(() => navigate('/console/'))}>
          {t('signOut')}
        </button>
      </header>
      <div class="layout">
        <nav aria-label={t('appName')}>
          <ul>
            {items.map((item) => (
              <li key={item.slug}>
                <a
                  href={`/console/${item.slug}`}
                  aria-current={item === current ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(`/console/${item.slug}`);
                  }}
                >
                  {item.label()}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main>
          {!me.organisation && !superAdmin && <p class="notice">{t('noOrganisation')}</p>}
          {current?.page(member)}
        </main>
      </div>
    </>
  );
}

function App() {
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const query = new URLSearchParams(location.search);
  useEffect(() => {
    if (path.value !== CALLBACK_PATH) return;
    completeSignIn(query)
      .then((back) => navigate(back))
      .catch((error: unknown) => {
        setFailure(error instanceof Error ? error.message : String(error));
        navigate('/console/');
      });
  }, []);
  const done = (text: string) => {
    setMessage(text);
    navigate('/console/');
  };
  if (session.value) return <SignedIn />;
  const page = path.value.replace(/^\/console\/?/, '');
  const token = query.get('token') ?? '';
  return (
    <>
      <header>
        <h1>{t('appName')}</h1>
        <span class="spacer" />
        <LanguageSwitch />
      </header>
      <main>
        {failure && (
          <p class="error" role="alert">
            {failure}
          </p>
        )}
        {page === 'callback' ? (
          <p>{t('loading')}</p>
        ) : page === 'register' ? (
          <RegisterPage kind="create" done={done} />
        ) : page === 'join' ? (
          <RegisterPage kind="join" done={done} />
        ) : page === 'accept-invitation' && token ? (
          <AcceptInvitationPage token={token} done={done} />
        ) : page === 'verify-email' && token ? (
          <VerifyEmailPage token={token} />
        ) : (
          <SignInPage {...(message ? { message } : {})} />
        )}
      </main>
    </>
  );
}

const root = document.getElementById('app') as HTMLElement;
const rerender = () => render(<App />, root);
for (const changing of [session, lang] as Signal<unknown>[]) changing.subscribe(rerender);
document.documentElement.lang = lang.value;
void loadConfig().then(rerender);
