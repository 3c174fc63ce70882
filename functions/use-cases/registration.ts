// POST /api/auth/register: "create" registers a new organisation with its ADMIN (the register-cabinet flow);
// "join" redeems an organisation's 10-digit join code, rate limited per client and per code before any lookup.
import { nowDate } from '#core/clock';
import { config } from '#core/config';
import { nowIso } from '#core/ids';
import { limits } from '#core/limits';
import { emitMetric } from '#core/metrics';
import { isRedeemable, joiningBy } from '#domain/join-code';
import type { JoinRequest } from '#domain/join-request';
import type { MailJob } from '#domain/mail';
import type { Membership } from '#domain/membership';
import { joinRequestCreated } from '#domain/metrics';
import { splitName } from '#domain/names';
import type { Organisation } from '#domain/organisation';
import type { VerifiedUser } from '#domain/principal';
import type { RateLimitRule } from '#domain/rate-limit';
import * as refusals from '#domain/refusals';
import { isRefusal } from '#domain/refusals';
import { newUser, profileFieldsOf, type User } from '#domain/user';
import { deliverNow } from '#mail/delivery';
import { joinedMail } from '#mail/notifications';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { findOrganisationIdByCode, readOrganisation, withCodeRedemption } from '#repositories/join-codes';
import { newJoinRequestItem } from '#repositories/join-requests';
import { activateMembership, membershipConflict, pendingMembership } from '#repositories/memberships';
import { metricItems } from '#repositories/metrics';
import { consumeAttempt, countEvent } from '#repositories/rate-limits';
import { permissionsIn } from '#repositories/roles';
import { ConditionFailed, conditionFailed, type NamedItem, transact } from '#repositories/transactions';
import { getUser, newUserItems, profileNotDeletingItem } from '#repositories/users';
import type { Infer } from '#schemas/lazy';
import type { registerAccountBody, registerBody, registerCreateBody, registerJoinBody } from '#schemas/registration';
import { type Client, limitRegistration } from './abuse-limits.ts';
import { withNewAccount } from './accounts.ts';
import { verificationMail } from './email-verification.ts';
import { type RegisterOptions, registerOrganisationAdminWith } from './register-cabinet.ts';
import { signInNewAccount } from './signed-in.ts';
import { type NoOrganisationSession, noOrganisationSession, type Session, sessionOf } from './views.ts';

// Brute-force protection of join codes: attempts are counted per client (source IP) and per submitted code,
// in fixed 15-minute windows, before the code is even looked up. 10 attempts per client are plenty for a person
// mistyping a code and make guessing one of 10^10 codes hopeless; 20 per code bound what a leaked code can do
// in a burst. The environment may override them (e.g. a load test), never disable them.
// Failed guesses (a code that opens nothing) are counted per client and per account, as sign-in failures are, never
// platform-wide: a flood of wrong codes from one address or one account stops that address or account only, and
// every other organisation's code keeps working (issue 15: a platform-wide counter let anyone stop join-by-code for
// every tenant). Once a client or account has JOIN_CODE_FAILED_GUESSES_PER_WINDOW failed guesses in the window, its
// redemptions wait for the next window — a valid code too, or the answer would tell it which guess was right.
// Codes that require approval, expire or have a maximum of uses bound what one guessed code gives
// (docs/security.md: abuse limits).

export const JOIN_CODE_RATE_LIMITS = {
  perClient: { scope: 'join-code-client', limit: limits.JOIN_CODE_ATTEMPTS_PER_CLIENT, windowSeconds: limits.JOIN_CODE_WINDOW_SECONDS },
  perCode: { scope: 'join-code', limit: limits.JOIN_CODE_ATTEMPTS_PER_CODE, windowSeconds: limits.JOIN_CODE_WINDOW_SECONDS },
  failedGuesses: {
    scope: 'join-code-failed-guesses',
    limit: limits.JOIN_CODE_FAILED_GUESSES_PER_WINDOW,
    windowSeconds: limits.JOIN_CODE_WINDOW_SECONDS,
  },
} as const satisfies Record<string, RateLimitRule>;

/** The failed-guess counters of one redemption: its client's and its account's (never the platform's). */
const failedGuesses = (client: Client, account: string) => [
  { rule: JOIN_CODE_RATE_LIMITS.failedGuesses, subject: `client:${client.sourceIp}` },
  { rule: JOIN_CODE_RATE_LIMITS.failedGuesses, subject: `account:${account}` },
];

export type { Client };

export interface PendingRegistration {
  status: 'PENDING';
  user: { id: string; username: string; nom: string; prenom: string };
  organisation: { id: string; nom: string };
}

/** `account`: the person's profile as created (a dialect shows its times). */
export type Registration =
  | { outcome: 'session'; session: Session | NoOrganisationSession; organisation?: Organisation; account?: User }
  | { outcome: 'pending'; pending: PendingRegistration; account?: User; organisation?: Organisation };

/**
 * The profile of a person registering (account or join mode): the e-mail is the username and an address they stated,
 * unverified until they open the link sent there.
 */
function registrant(userId: string, input: Joiner, extra: Pick<User, 'currentOrganisationId'> = {}): User {
  return newUser(
    { ...input, id: userId, username: input.email, ...splitName(input), email: { address: input.email, proof: 'stated' }, ...extra },
    nowIso(),
  );
}

/** The account's username is the email: a taken username is reported on the field the caller sent. */
function emailTaken(error: unknown): unknown {
  if (isRefusal(error, 'username-taken')) {
    return refusals.emailTaken('register', { cause: error });
  }
  return error;
}

/** What a join may add for the reviewers of its request (seed 003's roleSouhaite): it grants nothing. */
export interface JoinExtras {
  desiredRole?: string | undefined;
}

/** What a dialect adds to a registration: a join's extras, or the new organisation's policy and items (seed 002). */
export interface RegistrationExtras extends JoinExtras {
  newOrganisation?: Pick<RegisterOptions, 'joinCode' | 'extras'>;
}

export async function register(input: Infer<typeof registerBody>, client: Client, extras: RegistrationExtras = {}): Promise<Registration> {
  await limitRegistration(client, input.email);
  switch (input.registrationType) {
    case 'create':
      return { outcome: 'session', ...(await create(input, client, extras.newOrganisation)) };
    case 'join':
      return join(input, client, extras);
    case 'account':
      return { outcome: 'session', session: await createAccount(input, client) };
  }
}

/**
 * An account without an organisation (seed 004's is_organization: false): the profile and its username guard in one
 * transaction with the verification link's token and mail job, then a session whose token names no organisation.
 */
async function createAccount(input: Infer<typeof registerAccountBody>, client: Client): Promise<NoOrganisationSession> {
  const username = input.email;
  const mail: MailJob[] = [];
  let user: User;
  try {
    user = await withNewAccount({ username, password: input.password, email: input.email }, async (userId) => {
      const created = registrant(userId, input);
      const verification = verificationMail(created, input.email);
      await transact([...newUserItems(created), ...verification.items]);
      mail.push(verification.job);
      return created;
    });
  } catch (error) {
    throw emailTaken(error);
  }
  await deliverNow(mail);
  return noOrganisationSession(await signInNewAccount(username, input.password, client), user, []);
}

async function create(
  input: Infer<typeof registerCreateBody>,
  client: Client,
  setup: Pick<RegisterOptions, 'joinCode' | 'extras'> = {},
): Promise<{ session: Session; organisation: Organisation; account: User }> {
  try {
    return await registerOrganisationAdminWith(
      {
        username: input.email,
        email: input.email,
        locale: input.locale,
        password: input.password,
        ...splitName(input),
        ...profileFieldsOf(input),
        organisationName: input.organisationName,
        country: input.country,
        subscriptionTier: input.subscriptionTier,
        description: input.description,
        licenseNumber: input.licenseNumber,
        contactEmail: input.contactEmail,
        phone: input.phone,
        address: input.address,
      },
      { defaultCountry: config.DEFAULT_COUNTRY, ...setup },
      client,
    );
  } catch (error) {
    throw emailTaken(error);
  }
}

/**
 * The organisation a join code opens, after counting the attempt against the client and the code (429 past the
 * limits); one 404 for an unknown, expired, exhausted or disabled code and for a suspended organisation.
 */
async function redeemableOrganisation(code: string, client: Client, account: string): Promise<Organisation> {
  const guesses = failedGuesses(client, account);
  const attempt = await consumeAttempt(
    [
      { rule: JOIN_CODE_RATE_LIMITS.perClient, subject: client.sourceIp },
      { rule: JOIN_CODE_RATE_LIMITS.perCode, subject: code },
    ],
    guesses,
  );
  if (!attempt.allowed) {
    emitMetric('codeRefusals', 1, { reason: 'rate-limited' });
    throw refusals.tooManyRequests(attempt.retryAfterSeconds);
  }
  const organisationId = await findOrganisationIdByCode(code);
  const org = organisationId ? await readOrganisation(organisationId) : undefined;
  if (!org || !isRedeemable(org, code, nowDate())) {
    emitMetric('codeRefusals', 1, { reason: 'not-redeemable' });
    await Promise.all(guesses.map((guess) => countEvent(guess)));
    throw refusals.organisationNotFound({ joinCode: true });
  }
  return org;
}

/** What opening a door gives: a role, at once or once a reviewer approves. */
export interface Grant {
  role: string;
  requiresApproval: boolean;
}

/** The membership (and, when the door needs approval, the join request) that joining `org` gives `user`. */
function joiningItems(user: User, org: Organisation, grant: Grant, now: string, extras: JoinExtras = {}): NamedItem[] {
  const { role, requiresApproval } = grant;
  const status = requiresApproval ? 'PENDING' : 'ACTIVE';
  const membership: Membership = {
    organisationId: org.id,
    userId: user.id,
    username: user.username,
    nom: user.nom,
    prenom: user.prenom,
    role,
    status,
    joinedAt: now,
    updatedAt: now,
  };
  return requiresApproval
    ? [
        ...pendingMembership(membership),
        newJoinRequestItem(joinRequestOf(user, org, role, now, extras)),
        audit(org.id, user.id, 'join-request.created', { role }),
        ...metricItems(org.id, joinRequestCreated(now), now),
      ]
    : [...activateMembership(membership, { byCode: true }), audit(org.id, user.id, 'member.joined-by-code', { role })];
}

/**
 * A way into an organisation for a new account: the organisation, what it grants, and how the joining transaction
 * commits (with the door's own conditions, which it explains when refused).
 */
export interface Door {
  org: Organisation;
  grant: Grant;
  commit: (items: NamedItem[], now: string) => Promise<void>;
}

async function join(input: Infer<typeof registerJoinBody>, client: Client, extras: JoinExtras): Promise<Registration> {
  const code = input.organisationCode;
  // The account is the address registering (it has no account id yet).
  const org = await redeemableOrganisation(code, client, input.email.toLowerCase());
  const door: Door = {
    org,
    grant: { role: org.joinCode.role, requiresApproval: org.joinCode.requiresApproval },
    commit: async (items, now) => {
      try {
        await transact(withCodeRedemption(items, org, code, now));
      } catch (error) {
        await redemptionRefused(error, org.id, code);
      }
    },
  };
  return enter(input, door, client, extras);
}

/** The person of a registration that joins (join mode, or a dialect's door). */
export type Joiner = Omit<Infer<typeof registerJoinBody>, 'registrationType' | 'organisationCode'>;

/**
 * A new account that joins through a door other than a join code (seed 002's public directory): the same limits,
 * single transaction, mail and answers as a join by code.
 */
export async function registerThrough(input: Joiner, door: Door, client: Client): Promise<Registration> {
  await limitRegistration(client, input.email);
  return enter(input, door, client, {});
}

async function enter(input: Joiner, door: Door, client: Client, extras: JoinExtras): Promise<Registration> {
  const { org } = door;
  const { role, requiresApproval } = door.grant;
  const username = input.email;
  let user: User;
  const mail: MailJob[] = [];
  try {
    // Cognito user first (deleted again if the transaction is refused), then ONE transaction, which also holds
    // the verification link and the notification to the organisation: no mail unless the account commits.
    user = await withNewAccount({ username, password: input.password, email: input.email }, async (userId) => {
      const created = registrant(userId, input, { currentOrganisationId: org.id });
      const now = created.createdAt;
      const verification = verificationMail(created, input.email);
      const notice = joinedMail(org, created, role, requiresApproval);
      await door.commit(
        [...newUserItems(created), ...joiningItems(created, org, door.grant, now, extras), ...verification.items, notice.item],
        now,
      );
      // The organisation's notice is queued for the sweeper (notifications.ts); the verification link goes now.
      mail.push(verification.job);
      return created;
    });
  } catch (error) {
    throw emailTaken(error);
  }
  emitMetric('codeRedemptions', 1, { requiresApproval, newAccount: true });
  await deliverNow(mail);

  if (requiresApproval) {
    // No token: the pre-token trigger refuses this user's sign-in until an admin approves the request.
    return {
      outcome: 'pending',
      account: user,
      organisation: org,
      pending: {
        status: 'PENDING',
        user: { id: user.id, username: user.username, nom: user.nom, prenom: user.prenom },
        organisation: { id: org.id, nom: org.nom },
      },
    };
  }
  const tokens = await signInNewAccount(username, input.password, client);
  return {
    outcome: 'session',
    session: sessionOf(tokens, user, org, role, await permissionsIn(org.id, role)),
    organisation: org,
    account: user,
  };
}

export interface JoinedOrganisation {
  organisation: { id: string; nom: string };
  membership: { role: string; status: 'ACTIVE' | 'PENDING' };
}

/**
 * POST /api/auth/join-organisation: the signed-in user redeems another organisation's code, with the same limits,
 * answers and single transaction as a join at registration, but no new account. Their current organisation stays
 * the same: switch-organisation gives a token for the new one.
 */
export async function joinWithCode(caller: VerifiedUser, code: string, client: Client): Promise<JoinedOrganisation> {
  const org = await redeemableOrganisation(code, client, caller.userId);
  const user = await getUser(caller.userId);
  if (!user) throw refusals.accountNotFound();
  const now = nowIso();
  const { role, requiresApproval } = org.joinCode;
  const notice = joinedMail(org, user, role, requiresApproval);
  try {
    const grant = { role, requiresApproval };
    await transact(
      withCodeRedemption([...joiningItems(user, org, grant, now), notice.item, profileNotDeletingItem(user.id)], org, code, now),
    );
  } catch (error) {
    if (conditionFailed(error, GUARD.profile)) throw refusals.accountNotFound('account', { cause: error });
    await redemptionRefused(error, org.id, code);
  }
  // The notice to the organisation's admins or reviewers is queued: the mail sweeper delivers it.
  emitMetric('codeRedemptions', 1, { requiresApproval, newAccount: false });
  return { organisation: { id: org.id, nom: org.nom }, membership: joiningBy(org.joinCode) };
}

const joinRequestOf = (user: User, org: Organisation, role: string, now: string, extras: JoinExtras): JoinRequest => ({
  organisationId: org.id,
  userId: user.id,
  username: user.username,
  nom: user.nom,
  prenom: user.prenom,
  ...(user.email ? { email: user.email } : {}),
  requestedRole: role,
  ...(extras.desiredRole ? { desiredRole: extras.desiredRole } : {}),
  ...(user.phone ? { phone: user.phone } : {}),
  ...(user.location ? { location: user.location } : {}),
  ...(user.specialization ? { specialization: user.specialization } : {}),
  status: 'PENDING',
  createdAt: now,
  updatedAt: now,
});

const audit = (organisationId: string, userId: string, action: string, details: Record<string, unknown>): NamedItem =>
  auditRecord({ organisationId, action, actorId: userId, target: userId, details });

/**
 * Maps a refused join transaction to the caller's answer. A taken username is left to withNewAccount (409).
 * The code's condition shares the organisation update with the seat counter, so a refusal there is told apart
 * by reading the organisation again: a code no longer redeemable is 404 like any bad code, a full one 409.
 * A custom role deleted since the code was configured makes the code unusable: 404 as well.
 */
async function redemptionRefused(error: unknown, organisationId: string, code: string): Promise<never> {
  if (!(error instanceof ConditionFailed) || error.has(GUARD.username)) throw error;
  if (error.has(GUARD.joinCodeRedeemable, GUARD.role)) throw refusals.organisationNotFound({ cause: error, joinCode: true });
  // Only an existing account can have asked before (join-organisation); a new account never has.
  if (error.has(GUARD.joinRequestExists)) throw refusals.joinRequestExists({ cause: error });
  if (error.has(GUARD.seat)) {
    const org = await readOrganisation(organisationId);
    if (!org || !isRedeemable(org, code, nowDate())) throw refusals.organisationNotFound({ cause: error, joinCode: true });
  }
  return membershipConflict(error);
}
