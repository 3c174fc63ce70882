// "Changing the address starts over": changeEmailAddress (use-cases/email-verification.ts) is what the profile
// route (a later task) will call, so it is run here in this process against the running stack's emulators (its
// table, user pool and mailbox): the new address is unverified and gets its own link, the old one is released, and
// links sent to the old address stop working.
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, problemOf, stack, unique } from '#test/api';
import { cognito, getItem } from '#test/emulators';
import { registerVerifiedCabinet, tokenFromMail, VERIFICATION_SUBJECT, waitForMail } from '#test/mail';
import { apiFrom, newClientAddress } from '#test/registration';

let changeEmailAddress: (userId: string, email: string | null) => Promise<{ email: string | null; emailVerified: boolean }>;

beforeAll(async () => {
  // The variables the local runtime gives the functions (local/bootstrap.ts functionEnvironment), for this stack.
  const { functionEnvironment } = await import('#local/bootstrap');
  Object.assign(process.env, {
    AWS_REGION: stack().region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LOG_LEVEL: 'silent',
    ...functionEnvironment(stack()),
  });
  ({ changeEmailAddress } = await import('#use-cases/email-verification'));
});

const verify = (token: string) => apiFrom(newClientAddress(), 'POST', '/api/auth/verify-email', { body: { token } });
const me = async (token: string) => (await api('GET', '/api/auth/me', { token })).body.user;
const cognitoEmail = async (username: string) =>
  Object.fromEntries(
    ((await cognito().send(new AdminGetUserCommand({ UserPoolId: stack().userPoolId, Username: username }))).UserAttributes ?? []).map(
      (attribute) => [attribute.Name, attribute.Value],
    ),
  );

describe('changeEmailAddress', () => {
  it('starts over: the new address is unverified with its own link, the old one is free again', async () => {
    const cabinet = await registerVerifiedCabinet({ username: unique('changer') });
    const next = `${unique('next')}@example.org`;
    expect(await getItem(`EMAIL#${cabinet.email}`, 'GUARD')).toMatchObject({ userId: cabinet.user.id });

    const result = await changeEmailAddress(cabinet.user.id, next.toUpperCase());

    expect(result).toEqual({ email: next, emailVerified: false });
    expect(await me(cabinet.token)).toMatchObject({ email: next, emailVerified: false });
    expect(await cognitoEmail(cabinet.input.username)).toMatchObject({ email: next, email_verified: 'false' });
    expect(await getItem(`EMAIL#${cabinet.email}`, 'GUARD')).toBeUndefined();
    const [mail] = await waitForMail(next);
    expect(mail?.subject).toBe('Confirmez votre adresse e-mail pour Cabinet');
    expect((await verify(mail?.token ?? '')).status).toBe(200);
    expect(await me(cabinet.token)).toMatchObject({ email: next, emailVerified: true });
    expect(await getItem(`EMAIL#${next}`, 'GUARD')).toMatchObject({ userId: cabinet.user.id });
  });

  it('lets an account without an address add one: unverified, with its own link', async () => {
    const registered = await api('POST', '/api/auth/register-cabinet', {
      body: { organisationName: unique('Cabinet Sans Adresse'), username: unique('dr'), password: 'Cassius2025!', nom: 'A', prenom: 'B' },
    });
    const address = `${unique('added')}@example.org`;

    expect(await changeEmailAddress(registered.body.user.id, address)).toEqual({ email: address, emailVerified: false });

    expect(await me(registered.body.token)).toMatchObject({ email: address, emailVerified: false });
    expect((await verify(await tokenFromMail(address, VERIFICATION_SUBJECT))).status).toBe(200);
    expect(await me(registered.body.token)).toMatchObject({ email: address, emailVerified: true });
  });

  it('makes links sent to the previous address stop working (410)', async () => {
    const email = `${unique('first')}@example.org`;
    const registered = await api('POST', '/api/auth/register-cabinet', {
      body: { organisationName: unique('Cabinet Change'), username: unique('dr'), password: 'Cassius2025!', nom: 'A', prenom: 'B', email },
    });
    expect(registered.status).toBe(201);
    const oldLink = await tokenFromMail(email, VERIFICATION_SUBJECT);

    await changeEmailAddress(registered.body.user.id, `${unique('second')}@example.org`);
    const response = await verify(oldLink);

    expect(response.status).toBe(410);
    expect(problemOf(response)).toBe('verification-link-superseded');
  });
});
