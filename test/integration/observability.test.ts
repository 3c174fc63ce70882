// What an on-call engineer reads, from the running stack's own log (the local gateway runs the functions as Lambda
// would and logs as they do): every line is JSON with the request's ids, route, function and cold start, and the
// organisation and user once known; refusals at info with their problem type; business events as CloudWatch EMF
// lines. Lines are found by API Gateway's request id, which every answer carries (apigw-requestid).

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api, cabinetInput, PASSWORD, registerCabinet, stack, unique } from '#test/api';
import { orgPath } from '#test/members';
import { joinInput, newClientAddress, register } from '#test/registration';
import { poll } from '#test/wait';

type Line = Record<string, any>;

function logLines(): Line[] {
  return readFileSync(stack().logFile ?? '', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Line];
      } catch {
        return [];
      }
    });
}

/** The log lines matching `match`, waiting (the stack's output reaches the file through a pipe) until there are some. */
async function linesWhere(match: (line: Line) => boolean, ms = 5000): Promise<Line[]> {
  return poll(
    () => logLines().filter(match),
    (found) => found.length > 0,
    { ms },
  );
}

/** The EMF line of `metric` written while serving the answer with this apigw-requestid. */
const metricLine = (metric: string, apiRequestId: string | null) =>
  linesWhere((line) => line._aws !== undefined && line.apiRequestId === apiRequestId && metric in line);

function expectEmf(line: Line | undefined, metric: string, unit = 'Count'): void {
  expect(line?._aws.CloudWatchMetrics).toEqual([
    { Namespace: 'Cabinet', Dimensions: [['service', 'function'], ['service']], Metrics: [{ Name: metric, Unit: unit }] },
  ]);
  expect(line).toMatchObject({ service: 'cabinet', function: expect.any(String), requestId: expect.any(String) });
}

describe('log lines', () => {
  it('carry the request ids, route, function, cold start, organisation and user, and a refusal its problem type', async () => {
    const cabinet = await registerCabinet();
    const response = await api('GET', `/api/patients/${randomUUID()}`, { token: cabinet.token });
    expect(response.status).toBe(404);
    const apiRequestId = response.headers.get('apigw-requestid');
    expect(apiRequestId).toEqual(expect.any(String));

    const [line, ...more] = await linesWhere((l) => l.apiRequestId === apiRequestId && l.message === 'request refused');
    expect(more).toEqual([]);
    expect(line).toEqual(
      expect.objectContaining({
        level: 'INFO',
        service: 'cabinet',
        timestamp: expect.any(String),
        status: 404,
        problem: 'patient-not-found',
        route: 'GET /api/patients/{id}',
        function: 'member-read',
        coldStart: expect.any(Boolean),
        requestId: expect.any(String),
        organisationId: cabinet.organisation.id,
        userId: cabinet.user.id,
      }),
    );
  });

  it('log a request no route matches under $default, served by the system function', async () => {
    const response = await api('GET', '/api/nowhere');
    const [line] = await linesWhere((l) => l.apiRequestId === response.headers.get('apigw-requestid'));
    expect(line).toMatchObject({ level: 'INFO', status: 404, problem: 'route-not-found', route: '$default', function: 'system' });
  });

  it('log a validation refusal with the fields at fault, never their values', async () => {
    const input = cabinetInput({ password: 'short', nom: 'Valeur-Secrète' });
    const response = await api('POST', '/api/auth/register-cabinet', { body: input });
    const [line] = await linesWhere((l) => l.apiRequestId === response.headers.get('apigw-requestid') && l.message === 'request refused');
    expect(line).toMatchObject({ status: 400, problem: 'validation-error', fields: expect.arrayContaining(['password']) });
    expect(JSON.stringify(line)).not.toContain('short');
  });

  it('log an invocation that died as the runtime does, at error with its request ids', async () => {
    const response = await api('POST', '/api/auth/register-cabinet', {
      body: cabinetInput(),
      headers: { 'x-cabinet-fault': 'crash:after-cognito-user' },
    });
    expect(response.status).toBe(500);
    const [line] = await linesWhere((l) => l.apiRequestId === response.headers.get('apigw-requestid'));
    expect(line).toMatchObject({ level: 'ERROR', message: 'invocation failed', function: 'cabinet-sessions', errorType: 'InjectedCrash' });
  });
});

describe('business metrics (EMF lines)', () => {
  it('count a registration and the e-mail it sends', async () => {
    const response = await api('POST', '/api/auth/register-cabinet', { body: cabinetInput({ email: `${unique('emf')}@example.org` }) });
    expect(response.status).toBe(201);
    const id = response.headers.get('apigw-requestid');
    const [registration] = await metricLine('Registrations', id);
    expectEmf(registration, 'Registrations');
    expect(registration).toMatchObject({ function: 'sessions', Registrations: 1 });
    const [sent] = await metricLine('EmailsSent', id);
    expectEmf(sent, 'EmailsSent');
    expect(sent).toMatchObject({ EmailsSent: 1, template: 'verify-email' });
  });

  it('count sign-ins that succeed and sign-ins that fail, with the reason', async () => {
    const cabinet = await registerCabinet();
    const ok = await api('POST', '/api/auth/login', { body: { username: cabinet.input.username, password: PASSWORD } });
    const bad = await api('POST', '/api/auth/login', { body: { username: cabinet.input.username, password: 'Wrong2025!pass' } });
    const [succeeded] = await metricLine('SignInsSucceeded', ok.headers.get('apigw-requestid'));
    const [failed] = await metricLine('SignInsFailed', bad.headers.get('apigw-requestid'));
    expectEmf(succeeded, 'SignInsSucceeded');
    expectEmf(failed, 'SignInsFailed');
    expect(failed).toMatchObject({ SignInsFailed: 1, problem: 'invalid-credentials' });
  });

  it('count code redemptions and refusals, 429s, and join approvals with the time to approval', async () => {
    const admin = await registerCabinet();
    const joined = await register(joinInput(admin.organisation.code));
    expectEmf((await metricLine('CodeRedemptions', joined.headers.get('apigw-requestid')))[0], 'CodeRedemptions');

    const client = newClientAddress();
    const attempts = [];
    for (let attempt = 0; attempt < 11; attempt++) attempts.push(await register(joinInput('0000000000'), client));
    const refused = attempts[0];
    const [codeRefusal] = await metricLine('CodeRefusals', refused?.headers.get('apigw-requestid') ?? null);
    expect(codeRefusal).toMatchObject({ CodeRefusals: 1, reason: 'not-redeemable' });
    const limited = attempts.at(-1);
    expect(limited?.status).toBe(429);
    const [tooMany] = await metricLine('TooManyRequests', limited?.headers.get('apigw-requestid') ?? null);
    expectEmf(tooMany, 'TooManyRequests');

    // A code that needs approval: the request waits for an admin, who approves it.
    expect((await api('PATCH', orgPath(admin, '/join-code'), { token: admin.token, body: { requiresApproval: true } })).status).toBe(200);
    const asked = await register(joinInput(admin.organisation.code));
    expect(asked.status).toBe(202);

    const approved = await api('POST', orgPath(admin, `/join-requests/${asked.body.user.id}/approve`), { token: admin.token, body: {} });
    expect(approved.status).toBe(200);
    const id = approved.headers.get('apigw-requestid');
    expectEmf((await metricLine('JoinApprovals', id))[0], 'JoinApprovals');
    const [time] = await metricLine('TimeToApproval', id);
    expectEmf(time, 'TimeToApproval', 'Seconds');
    expect(time?.TimeToApproval).toBeGreaterThanOrEqual(0);
    expect(time).toMatchObject({ organisationId: admin.organisation.id });
  });
});
