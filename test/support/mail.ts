// What the local SES emulator (aws-ses-v2-local) delivered, read from its GET /store: the integration tests assert
// on real delivered mail, never on an API answer, to find an invitation or verification token.
import { api, registerCabinet, stack, unique } from './api.ts';
import { apiFrom, newClientAddress } from './registration.ts';
import { harvestSecrets } from './secrets.ts';
import { poll } from './wait.ts';

export interface DeliveredMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Epoch seconds. */
  at: number;
  /** The token of the message's link (`<appUrl>/<action>?token=…`), if it has one. */
  token?: string;
  /** The message's link, if it has one. */
  link?: string;
}

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

const LINK = /(https?:\/\/[^\s"<>]+\/[a-z-]+(?:\?[^\s"<>]*)?)/;

function parse(email: StoredEmail): DeliveredMail {
  const text = email.body.text ?? '';
  const link = LINK.exec(text)?.[1];
  const token = link ? (new URL(link).searchParams.get('token') ?? undefined) : undefined;
  return {
    messageId: email.messageId,
    from: email.from,
    to: email.destination.to,
    subject: email.subject,
    text,
    html: email.body.html ?? '',
    at: email.at,
    ...(link ? { link } : {}),
    ...(token ? { token } : {}),
  };
}

/** Every message delivered so far (the emulator keeps them in memory for the stack's life). */
export async function allMail(): Promise<DeliveredMail[]> {
  const response = await fetch(`${stack().mailUrl}/store`);
  if (!response.ok) throw new Error(`GET /store answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  const mail = emails.map(parse);
  // Every link token a test could read from the mailbox is a secret the stack's log must not hold.
  harvestSecrets(
    stack().logFile,
    mail.map((message) => ({ token: message.token })),
  );
  return mail;
}

/** The messages delivered to `address` (case-insensitive), newest first. */
export async function mailTo(address: string): Promise<DeliveredMail[]> {
  const wanted = address.toLowerCase();
  const mine = (await allMail()).filter((mail) => mail.to.some((to) => to.toLowerCase() === wanted));
  return mine.reverse();
}

/**
 * Waits until `address` has received at least `count` messages matching `filter` (by default, any), for at most
 * `ms`; returns them, newest first. Delivery right after a commit takes milliseconds; a retry a few seconds.
 */
export async function waitForMail(
  address: string,
  options: { count?: number; ms?: number; filter?: (mail: DeliveredMail) => boolean } = {},
): Promise<DeliveredMail[]> {
  const { count = 1, ms = 10_000, filter = () => true } = options;
  const found = await poll(
    async () => (await mailTo(address)).filter(filter),
    (mail) => mail.length >= count,
    { ms },
  );
  if (found.length < count) throw new Error(`Expected ${count} message(s) to ${address} within ${ms} ms, found ${found.length}`);
  return found;
}

/** The newest message to `address` whose subject matches, waiting for it. */
export async function latestMail(address: string, subject?: RegExp): Promise<DeliveredMail> {
  const [mail] = await waitForMail(address, subject ? { filter: (m) => subject.test(m.subject) } : {});
  if (!mail) throw new Error(`No message to ${address}`);
  return mail;
}

/** The token of the newest message to `address` whose subject matches (an invitation, a verification link…). */
export async function tokenFromMail(address: string, subject?: RegExp): Promise<string> {
  const mail = await latestMail(address, subject);
  if (!mail.token) throw new Error(`The message "${mail.subject}" to ${address} carries no token`);
  return mail.token;
}

export const INVITATION_SUBJECT = /Invitation à rejoindre|You are invited to join/;
export const VERIFICATION_SUBJECT = /Confirmez votre adresse|Confirm your email address/;

/** Proves `email` for the account whose verification link was sent there: the newest link's token, presented. */
export async function verifyFromMail(email: string): Promise<void> {
  const token = await tokenFromMail(email, VERIFICATION_SUBJECT);
  // From a fresh loopback address: verification is rate limited per client, and tests are many clients.
  const response = await apiFrom(newClientAddress(), 'POST', '/api/auth/verify-email', { body: { token } });
  if (response.status !== 200) throw new Error(`verify-email failed: ${response.status} ${response.text}`);
}

/** A signed-in account proves its (stated) address: it asks for a link, reads it from its mailbox, presents it. */
export async function verifyAccountAddress(session: { token: string }, email: string): Promise<void> {
  const resend = await api('POST', '/api/auth/verify-email/resend', { token: session.token });
  if (resend.status !== 202) throw new Error(`verify-email/resend failed: ${resend.status} ${resend.text}`);
  await verifyFromMail(email);
}

/** register-cabinet with an email (also the username), then the address proven from the mailbox. */
export async function registerVerifiedCabinet(overrides: Record<string, unknown> = {}) {
  const email = `${unique('verified')}@example.org`;
  const cabinet = await registerCabinet({ username: email, email, ...overrides });
  await verifyFromMail(email);
  return { ...cabinet, email };
}
