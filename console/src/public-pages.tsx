// Pages for people without an account or a session: sign in, create a cabinet, join with a code, accept an
// invitation from its e-mailed link (/console/accept-invitation?token=…), prove an address (/console/verify-email).
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n.ts';
import { type Answer, call, client, signIn } from './session.ts';
import { formValues, Problem } from './ui.tsx';

export function SignInPage({ message }: { message?: string }) {
  return (
    <section class="center card">
      <h2>{t('appName')}</h2>
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
      <p>{t('signInIntro')}</p>
      <p class="row-actions">
        <button type="button" onClick={() => void signIn()}>
          {t('signIn')}
        </button>
        <a href="/console/register">{t('createCabinet')}</a>
        <a href="/console/join">{t('joinWithCode')}</a>
      </p>
    </section>
  );
}

function PersonFields({ email = true }: { email?: boolean }) {
  return (
    <>
      <label>
        {t('lastName')}
        <input name="nom" required autocomplete="family-name" />
      </label>
      <label>
        {t('firstName')}
        <input name="prenom" required autocomplete="given-name" />
      </label>
      {email && (
        <label>
          {t('email')}
          <input name="email" type="email" required autocomplete="email" />
        </label>
      )}
      <label>
        {t('password')}
        <input name="password" type="password" required autocomplete="new-password" />
      </label>
    </>
  );
}

/** Create a cabinet (POST /api/auth/register with registrationType create) or join one by its code (join). */
export function RegisterPage({ kind, done }: { kind: 'create' | 'join'; done: (message: string) => void }) {
  const [result, setResult] = useState<Answer<unknown>>();
  const submit = async (event: Event) => {
    const { nom = '', prenom = '', email = '', password = '', organisationName = '', organisationCode = '' } = formValues(event);
    const common = { email, password, confirmPassword: password, nom, prenom };
    const answered = await call(() =>
      client.POST('/api/auth/register', {
        body:
          kind === 'create'
            ? { registrationType: 'create', organisationName, ...common }
            : { registrationType: 'join', organisationCode, ...common },
      }),
    );
    setResult(answered);
    if (answered.data) done(answered.status === 202 ? t('pending') : t('registered'));
  };
  return (
    <section class="center card">
      <h2>{kind === 'create' ? t('createCabinet') : t('joinWithCode')}</h2>
      <Problem answer={result} />
      <form class="stack" onSubmit={(event) => void submit(event)}>
        {kind === 'create' ? (
          <label>
            {t('organisationName')}
            <input name="organisationName" required />
          </label>
        ) : (
          <label>
            {t('code')}
            <input name="organisationCode" required inputMode="numeric" />
          </label>
        )}
        <PersonFields />
        <button type="submit">{kind === 'create' ? t('createCabinet') : t('joinWithCode')}</button>
      </form>
      <p>
        <a href="/console/">{t('signIn')}</a>
      </p>
    </section>
  );
}

export function AcceptInvitationPage({ token, done }: { token: string; done: (message: string) => void }) {
  const [result, setResult] = useState<Answer<unknown>>();
  const submit = async (event: Event) => {
    const { nom = '', prenom = '', password = '' } = formValues(event);
    const answered = await call(() =>
      client.POST('/api/auth/accept-invitation', { body: { token, nom, prenom, password, confirmPassword: password } }),
    );
    setResult(answered);
    if (answered.data) done(t('invitationAccepted'));
  };
  return (
    <section class="center card">
      <h2>{t('acceptInvitation')}</h2>
      <Problem answer={result} />
      <form class="stack" onSubmit={(event) => void submit(event)}>
        <PersonFields email={false} />
        <button type="submit">{t('acceptInvitation')}</button>
      </form>
    </section>
  );
}

export function VerifyEmailPage({ token }: { token: string }) {
  const [result, setResult] = useState<Answer<unknown>>();
  useEffect(() => {
    void call(() => client.POST('/api/auth/verify-email', { body: { token } })).then(setResult);
  }, [token]);
  return (
    <section class="center card">
      <h2>{t('email')}</h2>
      {result?.data ? <p role="status">{t('emailVerified')}</p> : <Problem answer={result} />}
      <a href="/console/">{t('signIn')}</a>
    </section>
  );
}
