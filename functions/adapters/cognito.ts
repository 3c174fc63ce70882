// Cognito user-pool operations the use cases need; the client is created once per container.
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { crashPoint } from '#core/crash';
import { identityConfig as config } from '#core/identity-config';
import type { Refusal } from '#domain/refusals';
import * as refusals from '#domain/refusals';
import { secretHash } from './secret-hash.ts';

// Created once per container, on first use: a module that imports this one without calling Cognito (most
// handlers share use-case modules with one that does) then neither builds the client nor, once bundled, loads it.
let client: CognitoIdentityProviderClient | undefined;
function cognitoClient(): CognitoIdentityProviderClient {
  client ??= new CognitoIdentityProviderClient({
    region: config.AWS_REGION,
    ...(config.COGNITO_ENDPOINT ? { endpoint: config.COGNITO_ENDPOINT } : {}),
  });
  return client;
}
const cognito = {
  send: ((command: Parameters<CognitoIdentityProviderClient['send']>[0]) =>
    cognitoClient().send(command)) as CognitoIdentityProviderClient['send'],
};

// The api app client has a secret, so only the API can sign people in through it (Cognito refuses InitiateAuth and
// RespondToAuthChallenge without the SECRET_HASH it proves). The secret is in no configuration: the function reads it
// from Cognito on its first sign-in (DescribeUserPoolClient, granted by IAM to the sessions function only) and keeps
// it for the container's life. A failed read is not kept, so the next sign-in retries it.
let clientSecret: Promise<string> | undefined;
function apiClientSecret(): Promise<string> {
  if (!clientSecret) {
    const reading = cognito
      .send(new DescribeUserPoolClientCommand({ UserPoolId: config.USER_POOL_ID, ClientId: config.USER_POOL_CLIENT_ID }))
      .then(({ UserPoolClient }) => {
        if (!UserPoolClient?.ClientSecret) throw new Error('The api app client has no client secret (see docs/operations.md: deploy)');
        return UserPoolClient.ClientSecret;
      });
    reading.catch(() => {
      if (clientSecret === reading) clientSecret = undefined;
    });
    clientSecret = reading;
  }
  return clientSecret;
}

/** SECRET_HASH for `username` (Cognito's username, which for this pool is the lower-cased one the API stores). */
const hashFor = async (username: string): Promise<string> => secretHash(username, config.USER_POOL_CLIENT_ID, await apiClientSecret());

export interface Tokens {
  token: string;
  refreshToken?: string;
  expiresIn: number;
  /**
   * The access token of the same sign-in: kept inside the API (the self-service calls of MFA enrolment need it),
   * never in an answer (sessions answer ID and refresh tokens only).
   */
  accessToken?: string;
}

/** An address for a new user: `verified` only when its owner just proved it (an invitation link delivered there). */
export interface EmailAttribute {
  address: string;
  verified: boolean;
}

const emailAttributes = (email: EmailAttribute) => [
  { Name: 'email', Value: email.address },
  // Cognito sends its own mail (through SES) only to a verified address: never one its owner did not prove.
  { Name: 'email_verified', Value: email.verified ? 'true' : 'false' },
];

/** Creates a confirmed user with a permanent password and returns its sub (the user id). */
export async function createUser(username: string, password: string, email?: EmailAttribute): Promise<string> {
  let sub: string | undefined;
  try {
    const created = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: config.USER_POOL_ID,
        Username: username,
        MessageAction: 'SUPPRESS',
        ...(email ? { UserAttributes: emailAttributes(email) } : {}),
      }),
    );
    sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
  } catch (error) {
    if (error instanceof Error && error.name === 'UsernameExistsException') {
      throw refusals.usernameTaken('register', { cause: error });
    }
    throw error;
  }
  if (!sub) throw new Error('Cognito returned a user without a sub');
  crashPoint('after-cognito-user');
  try {
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: config.USER_POOL_ID, Username: username, Password: password, Permanent: true }),
    );
  } catch (error) {
    await deleteUser(username);
    if (error instanceof Error && error.name === 'InvalidPasswordException') {
      throw refusals.passwordPolicy('password', { cause: error });
    }
    throw error;
  }
  return sub;
}

/** Sets the user's address and whether it is proven (after a verification, or when the address changes). */
export async function setEmailAttributes(username: string, email: EmailAttribute): Promise<void> {
  await cognito.send(
    new AdminUpdateUserAttributesCommand({ UserPoolId: config.USER_POOL_ID, Username: username, UserAttributes: emailAttributes(email) }),
  );
}

export async function deleteUser(username: string): Promise<void> {
  try {
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: config.USER_POOL_ID, Username: username }));
  } catch (error) {
    if (error instanceof Error && error.name === 'UserNotFoundException') return;
    throw error;
  }
}

/** When the user was created and its sub, or undefined when there is no such user. */
export async function getUserCreation(username: string): Promise<{ sub: string; createdAt: Date } | undefined> {
  try {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: config.USER_POOL_ID, Username: username }));
    const sub = user.UserAttributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    return sub && user.UserCreateDate ? { sub, createdAt: user.UserCreateDate } : undefined;
  } catch (error) {
    if (error instanceof Error && error.name === 'UserNotFoundException') return undefined;
    throw error;
  }
}

/** One page of the pool's users (60 at most, Cognito's limit) with their sub and creation date. */
export async function listUsersPage(
  paginationToken?: string,
): Promise<{ users: { username: string; sub: string; createdAt: Date }[]; next?: string }> {
  const page = await cognito.send(
    new ListUsersCommand({
      UserPoolId: config.USER_POOL_ID,
      Limit: 60,
      AttributesToGet: ['sub'],
      ...(paginationToken ? { PaginationToken: paginationToken } : {}),
    }),
  );
  const users = (page.Users ?? []).flatMap((user) => {
    const sub = user.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    return user.Username && sub && user.UserCreateDate ? [{ username: user.Username, sub, createdAt: user.UserCreateDate }] : [];
  });
  return { users, ...(page.PaginationToken ? { next: page.PaginationToken } : {}) };
}

function toTokens(result: AuthenticationResultType | undefined, refreshToken?: string): Tokens {
  if (!result?.IdToken) throw refusals.invalidCredentials();
  return {
    token: result.IdToken,
    ...((result.RefreshToken ?? refreshToken) ? { refreshToken: result.RefreshToken ?? refreshToken } : {}),
    expiresIn: result.ExpiresIn ?? secondsUntilExpiry(result.IdToken),
    ...(result.AccessToken ? { accessToken: result.AccessToken } : {}),
  };
}

function secondsUntilExpiry(jwt: string): number {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { exp?: number };
  return Math.max(0, (payload.exp ?? 0) - Math.floor(Date.now() / 1000));
}

// Every authentication failure answers the same way, so a caller cannot tell unknown users from wrong passwords.
const AUTH_FAILURES = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'InvalidPasswordException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
  'UserLambdaValidationException',
  'UnexpectedLambdaException',
]);

/** The sign-in stopped at Cognito's TOTP step (software-token MFA, which a user turns on through the hosted login). */
export interface TotpChallenge {
  challenge: 'SOFTWARE_TOKEN_MFA';
  /** Cognito's sign-in session, to send back with the code (valid a few minutes). */
  session: string;
}

/** Maps Cognito's sign-in failures to the API's refusals; anything else is rethrown (a 500, logged). */
function signInFailure(error: unknown, invalid: (because: refusals.Because) => Refusal): unknown {
  if (error instanceof Error && AUTH_FAILURES.has(error.name)) return invalid({ cause: error });
  return error;
}

async function initiateAuth(flow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH', username: string, parameters: Record<string, string>) {
  const SECRET_HASH = await hashFor(username);
  try {
    return await cognito.send(
      new InitiateAuthCommand({ ClientId: config.USER_POOL_CLIENT_ID, AuthFlow: flow, AuthParameters: { ...parameters, SECRET_HASH } }),
    );
  } catch (error) {
    throw signInFailure(
      error,
      flow === 'USER_PASSWORD_AUTH' ? refusals.invalidCredentials : (because) => refusals.invalidRefreshToken('token', because),
    );
  }
}

/** Signs in an account that cannot have MFA yet (one this request just created or set a password for). */
export async function passwordLogin(username: string, password: string): Promise<Tokens> {
  return toTokens((await initiateAuth('USER_PASSWORD_AUTH', username, { USERNAME: username, PASSWORD: password })).AuthenticationResult);
}

/** POST /api/auth/login: the tokens, or Cognito's TOTP challenge when the user turned MFA on. */
export async function signIn(username: string, password: string): Promise<Tokens | TotpChallenge> {
  const response = await initiateAuth('USER_PASSWORD_AUTH', username, { USERNAME: username, PASSWORD: password });
  if (response.ChallengeName === 'SOFTWARE_TOKEN_MFA' && response.Session) {
    return { challenge: 'SOFTWARE_TOKEN_MFA', session: response.Session };
  }
  // An account whose creation is still under way (created, permanent password not yet set) answers like a wrong
  // password. The pool offers TOTP only (no SMS), so no other step is expected.
  if (response.ChallengeName === 'NEW_PASSWORD_REQUIRED') throw refusals.invalidCredentials();
  if (response.ChallengeName) {
    throw refusals.unsupportedChallenge(response.ChallengeName);
  }
  return toTokens(response.AuthenticationResult);
}

const CODE_FAILURES = new Set([
  'CodeMismatchException',
  'ExpiredCodeException',
  'TooManyFailedAttemptsException',
  'InvalidParameterException',
]);

/** The second step of a TOTP sign-in: the authenticator's code and the session signIn returned. */
export async function answerTotpChallenge(username: string, session: string, code: string): Promise<Tokens> {
  const SECRET_HASH = await hashFor(username);
  try {
    const response = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: config.USER_POOL_CLIENT_ID,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: session,
        ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code, SECRET_HASH },
      }),
    );
    return toTokens(response.AuthenticationResult);
  } catch (error) {
    if (error instanceof Error && CODE_FAILURES.has(error.name)) throw refusals.invalidMfaCode({ cause: error });
    throw signInFailure(error, refusals.invalidMfaCode);
  }
}

/** The api app client (confidential: it has a secret) or another client of the pool (the public web client). */
const isApiClient = (clientId: string) => clientId === config.USER_POOL_CLIENT_ID;

/**
 * New tokens from a refresh token, through the app client that issued it (`clientId`: the token's own client). For the
 * api client Cognito checks the SECRET_HASH against the user the refresh token belongs to, so the caller says who
 * that is; the API checks it too for every client (cognito-local does not check secret hashes, and a public client
 * has none), so a refresh token presented with another username is refused alike here and in AWS.
 */
export async function refreshTokens(
  refreshToken: string,
  username: string | undefined,
  clientId = config.USER_POOL_CLIENT_ID,
): Promise<Tokens> {
  let result: AuthenticationResultType | undefined;
  if (isApiClient(clientId)) {
    // The api client proves itself with a secret hash of the username.
    if (username === undefined) throw refusals.invalidRefreshToken();
    result = (await initiateAuth('REFRESH_TOKEN_AUTH', username, { REFRESH_TOKEN: refreshToken })).AuthenticationResult;
  } else {
    try {
      const response = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
      );
      result = response.AuthenticationResult;
    } catch (error) {
      throw signInFailure(error, (because) => refusals.invalidRefreshToken('token', because));
    }
  }
  // The refresh token itself, or the one Cognito rotated it into (a pool with refresh-token rotation on).
  const tokens = toTokens(result, refreshToken);
  if (username !== undefined && cognitoUsernameOf(tokens.token) !== username) throw refusals.invalidRefreshToken();
  return tokens;
}

function cognitoUsernameOf(jwt: string): string | undefined {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { 'cognito:username'?: string };
  return payload['cognito:username'];
}

/**
 * Revokes a refresh token (RevokeToken, through the client that issued it; the api client proves itself with its
 * secret). Cognito then refuses it, and, deployed, the access tokens issued through it. An unknown or already revoked
 * token is no error: signing out twice is signing out.
 */
export async function revokeRefreshToken(refreshToken: string, clientId = config.USER_POOL_CLIENT_ID): Promise<void> {
  try {
    await cognito.send(
      new RevokeTokenCommand({
        ClientId: clientId,
        Token: refreshToken,
        ...(isApiClient(clientId) ? { ClientSecret: await apiClientSecret() } : {}),
      }),
    );
  } catch (error) {
    if (error instanceof Error && (error.name === 'NotAuthorizedException' || error.name === 'InvalidParameterException')) return;
    throw error;
  }
}

/** What a global sign-out did: deployed, Cognito revoked every refresh token of the user; cognito-local has no such call. */
export type GlobalSignOut = 'done' | 'unsupported';

/**
 * AdminUserGlobalSignOut: every refresh token of the user, whichever client issued it (hosted-login sessions the API
 * never saw included), stops working. cognito-local 5.3.0 does not implement it and answers its own
 * "CognitoLocal#Unsupported" error, which is reported as 'unsupported' (the caller logs it); any other failure is an
 * error. Not branching on the environment: the same call runs everywhere, and only its absence is tolerated.
 */
export async function globalSignOut(username: string): Promise<GlobalSignOut> {
  try {
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: config.USER_POOL_ID, Username: username }));
    return 'done';
  } catch (error) {
    if (error instanceof Error && error.name === 'UserNotFoundException') return 'done';
    // cognito-local's answer to a target it does not implement ("CognitoLocal#Unsupported", which the SDK names
    // Unsupported); no error of AWS's AdminUserGlobalSignOut has that name.
    if (error instanceof Error && error.name === 'Unsupported') return 'unsupported';
    throw error;
  }
}

/** Sets a permanent password (a change or a reset); a password the pool refuses is a 400 on `field`. */
export async function setPassword(username: string, password: string, field: string): Promise<void> {
  try {
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: config.USER_POOL_ID, Username: username, Password: password, Permanent: true }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidPasswordException') {
      throw refusals.passwordPolicy(field, { cause: error });
    }
    throw error;
  }
}

/** Starts TOTP enrolment for the access token's user: the shared secret (base32) an authenticator app is given. */
export async function associateTotp(accessToken: string): Promise<string> {
  const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  if (!SecretCode) throw new Error('Cognito returned no TOTP secret');
  return SecretCode;
}

/** Completes TOTP enrolment with a code of the authenticator, and makes TOTP the user's (only) second factor. */
export async function verifyTotp(accessToken: string, code: string): Promise<void> {
  try {
    const { Status } = await cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code }));
    if (Status && Status !== 'SUCCESS') throw refusals.mfaCodeMismatch('enrolment', { withField: false });
  } catch (error) {
    if (error instanceof Error && (error.name === 'CodeMismatchException' || error.name === 'ExpiredCodeException')) {
      throw refusals.mfaCodeMismatch('enrolment', { cause: error });
    }
    // Verifying before any enrolment started: cognito-local says InvalidParameter, Cognito EnableSoftwareTokenMFA.
    if (error instanceof Error && (error.name === 'InvalidParameterException' || error.name === 'EnableSoftwareTokenMFAException')) {
      throw refusals.mfaEnrolmentNotStarted({ cause: error });
    }
    throw error;
  }
  await setTotpPreference(accessToken, true);
}

/** Turns TOTP MFA on (preferred) or off for the access token's user. */
export async function setTotpPreference(accessToken: string, enabled: boolean): Promise<void> {
  await cognito.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: enabled, PreferredMfa: enabled },
    }),
  );
}
