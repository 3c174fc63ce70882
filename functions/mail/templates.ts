// The messages Cabinet sends, in French and English: a subject that says what the message is, a plain-text body
// and the same in HTML (every value escaped). Pure functions: no I/O, so every template is unit-tested.
import type { Locale, MailTemplate } from '#domain/mail';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export interface MessageInput {
  template: MailTemplate;
  locale: Locale;
  /** The message's values (organisation name, names, role, reason…). */
  params: Record<string, string>;
  /** The link the message carries, already built (`<appUrl>/<action>?…`), if any. */
  link?: string | undefined;
  /** The recipient's first name, when known, for the greeting. */
  recipientName?: string | undefined;
}

/** The web-app page each link opens: `<appUrl>/<action>?token=<token>` for the links that carry a secret. */
export const LINK_ACTIONS = {
  'verify-email': 'verify-email',
  invitation: 'accept-invitation',
  'invitation.account': 'invitations',
  'password-reset': 'reset-password',
  // Its page posts the token to POST /api/auth/reset-password, as the reset page does.
  'set-password': 'set-password',
  'join-request.created': 'join-requests',
  'join-request.approved': 'login',
  'member.joined-by-code': 'members',
} as const satisfies Partial<Record<MailTemplate, string>>;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const formatDate = (iso: string | undefined, locale: Locale) =>
  iso
    ? `${new Date(iso).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`
    : '';

interface Copy {
  subject: string;
  /** Paragraphs before the link. */
  lines: string[];
  /** The link's label (a button in HTML). */
  action?: string;
  /** Paragraphs after the link. */
  after?: string[];
}

type Texts = (p: Record<string, string>, locale: Locale) => Copy;

const COPY: Record<MailTemplate, Record<Locale, Texts>> = {
  'verify-email': {
    fr: (p) => ({
      subject: 'Confirmez votre adresse e-mail pour Cabinet',
      lines: [`Confirmez que cette adresse est bien la vôtre pour le compte Cabinet « ${p.username} ».`],
      action: 'Confirmer mon adresse',
      after: [
        `Ce lien est valable ${p.validHours} heures et ne sert qu'une fois. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.`,
      ],
    }),
    en: (p) => ({
      subject: 'Confirm your email address for Cabinet',
      lines: [`Please confirm that this address is yours for the Cabinet account "${p.username}".`],
      action: 'Confirm my address',
      after: [`This link works once and for ${p.validHours} hours. If you did not ask for this, ignore this message.`],
    }),
  },
  invitation: {
    fr: (p, l) => ({
      subject: `Invitation à rejoindre ${p.organisationName} sur Cabinet`,
      lines: [`Vous êtes invité(e) à rejoindre ${p.organisationName} sur Cabinet avec le rôle ${p.role}.`],
      action: "Accepter l'invitation",
      after: [`Ce lien personnel ne sert qu'une fois et expire le ${formatDate(p.expiresAt, l)}. Ne le transférez pas.`],
    }),
    en: (p, l) => ({
      subject: `You are invited to join ${p.organisationName} on Cabinet`,
      lines: [`You have been invited to join ${p.organisationName} on Cabinet with the role ${p.role}.`],
      action: 'Accept the invitation',
      after: [`This personal link works once and expires on ${formatDate(p.expiresAt, l)}. Do not forward it.`],
    }),
  },
  'invitation.account': {
    fr: (p, l) => ({
      subject: `${p.organisationName} vous invite sur Cabinet : acceptez ou refusez`,
      lines: [
        `${p.organisationName} vous invite à rejoindre son organisation sur Cabinet avec le rôle ${p.role}.`,
        'Connectez-vous pour accepter ou refuser : vous ne deviendrez membre que si vous acceptez.',
      ],
      action: 'Voir mes invitations',
      after: [`L'invitation expire le ${formatDate(p.expiresAt, l)}.`],
    }),
    en: (p, l) => ({
      subject: `${p.organisationName} invites you on Cabinet: accept or decline`,
      lines: [
        `${p.organisationName} invites you to join their organisation on Cabinet with the role ${p.role}.`,
        'Sign in to accept or decline it: you become a member only if you accept.',
      ],
      action: 'See my invitations',
      after: [`The invitation expires on ${formatDate(p.expiresAt, l)}.`],
    }),
  },
  'password-reset': {
    fr: (p) => ({
      subject: 'Réinitialisation de votre mot de passe Cabinet',
      lines: [`Une réinitialisation du mot de passe du compte Cabinet « ${p.username} » a été demandée.`],
      action: 'Choisir un nouveau mot de passe',
      after: [
        `Ce lien est valable ${p.validMinutes} minutes et ne sert qu'une fois. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.`,
      ],
    }),
    en: (p) => ({
      subject: 'Reset your Cabinet password',
      lines: [`Someone asked to reset the password of the Cabinet account "${p.username}".`],
      action: 'Choose a new password',
      after: [
        `This link works once and for ${p.validMinutes} minutes. If you did not ask for this, ignore this message: your password stays unchanged.`,
      ],
    }),
  },
  'set-password': {
    fr: (p, l) => ({
      subject: `Votre compte Cabinet chez ${p.organisationName} : choisissez votre mot de passe`,
      lines: [
        `Un compte Cabinet a été créé pour vous chez ${p.organisationName}, avec le rôle ${p.role}. Votre identifiant est « ${p.username} ».`,
        'Choisissez votre mot de passe pour vous connecter. Ce lien confirme aussi que cette adresse e-mail est la vôtre.',
      ],
      action: 'Choisir mon mot de passe',
      after: [
        `Ce lien personnel ne sert qu'une fois et expire le ${formatDate(p.expiresAt, l)}. Ne le transférez pas. Si vous ne vous attendiez pas à ce message, ignorez-le.`,
      ],
    }),
    en: (p, l) => ({
      subject: `Your Cabinet account at ${p.organisationName}: choose your password`,
      lines: [
        `A Cabinet account was created for you at ${p.organisationName}, with the role ${p.role}. Your username is "${p.username}".`,
        'Choose your password to sign in. This link also confirms that this e-mail address is yours.',
      ],
      action: 'Choose my password',
      after: [
        `This personal link works once and expires on ${formatDate(p.expiresAt, l)}. Do not forward it. If you did not expect this message, ignore it.`,
      ],
    }),
  },
  'join-request.created': {
    fr: (p) => ({
      subject: `Nouvelle demande pour rejoindre ${p.organisationName}`,
      lines: [`${p.requesterName} (${p.requesterUsername}) demande à rejoindre ${p.organisationName} avec le rôle ${p.requestedRole}.`],
      action: 'Examiner la demande',
    }),
    en: (p) => ({
      subject: `New request to join ${p.organisationName}`,
      lines: [`${p.requesterName} (${p.requesterUsername}) asks to join ${p.organisationName} with the role ${p.requestedRole}.`],
      action: 'Review the request',
    }),
  },
  'join-request.approved': {
    fr: (p) => ({
      subject: `Votre demande pour rejoindre ${p.organisationName} est acceptée`,
      lines: [`Votre demande pour rejoindre ${p.organisationName} a été acceptée avec le rôle ${p.role}. Vous pouvez vous connecter.`],
      action: 'Se connecter',
    }),
    en: (p) => ({
      subject: `Your request to join ${p.organisationName} was approved`,
      lines: [`Your request to join ${p.organisationName} was approved with the role ${p.role}. You can sign in now.`],
      action: 'Sign in',
    }),
  },
  'join-request.rejected': {
    fr: (p) => ({
      subject: `Votre demande pour rejoindre ${p.organisationName} est refusée`,
      lines: [`Votre demande pour rejoindre ${p.organisationName} a été refusée.`, `Motif : ${p.reason}`],
    }),
    en: (p) => ({
      subject: `Your request to join ${p.organisationName} was declined`,
      lines: [`Your request to join ${p.organisationName} was declined.`, `Reason: ${p.reason}`],
    }),
  },
  'member.joined-by-code': {
    fr: (p) => ({
      subject: `${p.memberName} a rejoint ${p.organisationName}`,
      lines: [`${p.memberName} (${p.memberUsername}) a rejoint ${p.organisationName} avec le code d'accès, avec le rôle ${p.role}.`],
      action: 'Voir les membres',
    }),
    en: (p) => ({
      subject: `${p.memberName} joined ${p.organisationName}`,
      lines: [`${p.memberName} (${p.memberUsername}) joined ${p.organisationName} with its join code, with the role ${p.role}.`],
      action: 'See the members',
    }),
  },
  'webhook.disabled': {
    fr: (p) => ({
      subject: `Webhook désactivé pour ${p.organisationName}`,
      lines: [
        `Le point de réception ${p.url} n'a accepté aucune des ${p.attempts} tentatives de livraison d'un événement : Cabinet l'a désactivé.`,
        'Les événements restent consultables 30 jours (GET …/events?after=). Réactivez-le (PATCH …/webhooks/{webhookId} avec enabled: true) une fois le récepteur rétabli.',
      ],
    }),
    en: (p) => ({
      subject: `Webhook disabled for ${p.organisationName}`,
      lines: [
        `The endpoint ${p.url} accepted none of the ${p.attempts} attempts to deliver an event: Cabinet disabled it.`,
        'The events stay readable for 30 days (GET …/events?after=). Enable it again (PATCH …/webhooks/{webhookId} with enabled: true) once the receiver is back.',
      ],
    }),
  },
};

const GREETING = {
  fr: (name?: string) => (name ? `Bonjour ${name},` : 'Bonjour,'),
  en: (name?: string) => (name ? `Hello ${name},` : 'Hello,'),
};
const SIGNATURE = {
  fr: '— Cabinet (message automatique, merci de ne pas y répondre)',
  en: '— Cabinet (automatic message, please do not reply)',
};
const LINK_HINT = { fr: 'Si le bouton ne fonctionne pas, copiez ce lien :', en: 'If the button does not work, copy this link:' };

export function renderMessage(input: MessageInput): RenderedMessage {
  const copy = COPY[input.template][input.locale](input.params, input.locale);
  const greeting = GREETING[input.locale](input.recipientName || undefined);
  const link = input.link && copy.action ? input.link : undefined;
  const after = copy.after ?? [];

  const text = [
    greeting,
    '',
    ...copy.lines,
    ...(link ? ['', `${copy.action}${input.locale === 'fr' ? ' : ' : ': '}${link}`] : []),
    ...(after.length ? ['', ...after] : []),
    '',
    SIGNATURE[input.locale],
  ].join('\n');

  const paragraph = (line: string) => `<p>${escapeHtml(line)}</p>`;
  const html = [
    `<!DOCTYPE html><html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(copy.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1f2933">',
    paragraph(greeting),
    ...copy.lines.map(paragraph),
    ...(link && copy.action
      ? [
          `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(copy.action)}</a></p>`,
          `<p style="font-size:12px;color:#52606d">${escapeHtml(LINK_HINT[input.locale])}<br>${escapeHtml(link)}</p>`,
        ]
      : []),
    ...after.map(paragraph),
    `<p style="font-size:12px;color:#52606d">${escapeHtml(SIGNATURE[input.locale])}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject: copy.subject, text, html };
}
