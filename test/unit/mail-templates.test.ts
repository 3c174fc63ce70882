// The e-mail templates and the outbox's retry arithmetic: pure functions, no emulator.
import { describe, expect, it } from 'vitest';
import { type MailTemplate, maxRetryHorizonSeconds, retryDelaySeconds } from '#domain/mail';
import { LINK_ACTIONS, renderMessage } from '#mail/templates';

const LINK = 'https://app.example.org/accept-invitation?token=abc_DEF-123';

describe('renderMessage', () => {
  it('renders every template in French and English, with a subject that says what it is and text and HTML bodies', () => {
    const templates: MailTemplate[] = [
      'verify-email',
      'invitation',
      'invitation.account',
      'password-reset',
      'set-password',
      'join-request.created',
      'join-request.approved',
      'join-request.rejected',
      'member.joined-by-code',
    ];
    const params = {
      username: 'dr.martin',
      validHours: '24',
      validMinutes: '60',
      organisationName: 'Cabinet Dr Martin',
      role: 'MEMBER',
      requestedRole: 'VIEWER',
      requesterName: 'Paul Leroy',
      requesterUsername: 'paul@example.org',
      memberName: 'Claire Dubois',
      memberUsername: 'claire@example.org',
      reason: 'Inconnu',
      expiresAt: '2026-11-30T10:00:00.000Z',
    };
    const subjects = templates.flatMap((template) =>
      (['fr', 'en'] as const).map((locale) => {
        const message = renderMessage({ template, locale, params, link: LINK });
        expect(message.text).not.toContain('undefined');
        expect(message.html).toContain(`<html lang="${locale}">`);
        return message.subject;
      }),
    );
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects).toContain('Confirmez votre adresse e-mail pour Cabinet');
    expect(subjects).toContain('Reset your Cabinet password');
    expect(subjects).toContain('Invitation à rejoindre Cabinet Dr Martin sur Cabinet');
    expect(subjects).toContain('Your Cabinet account at Cabinet Dr Martin: choose your password');
  });

  it('puts the link in both bodies, and only for templates that have an action', () => {
    const invitation = renderMessage({
      template: 'invitation',
      locale: 'en',
      params: { organisationName: 'X', role: 'ADMIN' },
      link: LINK,
    });
    expect(invitation.text).toContain(`Accept the invitation: ${LINK}`);
    expect(invitation.html).toContain(`href="${LINK}"`);
    expect(invitation.text).toContain('Hello,');
    const rejected = renderMessage({
      template: 'join-request.rejected',
      locale: 'fr',
      params: { organisationName: 'X', reason: 'r' },
      link: LINK,
    });
    expect(rejected.text).not.toContain(LINK);
    expect(Object.keys(LINK_ACTIONS)).not.toContain('join-request.rejected');
  });

  it('escapes every value in the HTML body and greets the recipient by name', () => {
    const message = renderMessage({
      template: 'join-request.created',
      locale: 'fr',
      params: { organisationName: 'A & B', requesterName: '<script>alert(1)</script>', requesterUsername: 'x"y', requestedRole: 'MEMBER' },
      recipientName: 'Jean',
    });
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message.html).toContain('A &amp; B');
    expect(message.html).toContain('x&quot;y');
    expect(message.text).toContain('Bonjour Jean,');
  });

  it('formats the invitation expiry in the recipient language', () => {
    const params = { organisationName: 'X', role: 'VIEWER', expiresAt: '2026-11-30T10:05:00.000Z' };
    expect(renderMessage({ template: 'invitation', locale: 'fr', params }).text).toContain('30 novembre 2026');
    expect(renderMessage({ template: 'invitation', locale: 'en', params }).text).toContain('30 November 2026');
  });
});

describe('retry policy', () => {
  const policy = { baseSeconds: 60, maxSeconds: 3600, maxAttempts: 8 };

  it('doubles the delay after each failure, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => retryDelaySeconds(attempts, policy))).toEqual([
      60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]);
  });

  it('bounds how long a link token can wait in the outbox: about two hours with the defaults', () => {
    // Attempts 2..8 come 60+120+240+480+960+1920+3600 s after the first: 7380 s, then the job is FAILED.
    expect(maxRetryHorizonSeconds(policy)).toBe(7380);
  });
});
