// E-mail in AWS: the settings read from CDK context; in CabinetData the SES identity mail is sent from (created
// unless an existing one is named, with its DKIM records as outputs) and the configuration set that suppresses
// bounces and complaints, both used by Cognito's mail and the API's; in CabinetApi the variables every function gets,
// ses:SendEmail for the functions that send (scoped to the identity and the configuration set), and the outbox
// sweeper on an EventBridge schedule. Mail is sent only from an identity known to be verified; otherwise Cognito
// sends its own messages and the API's mail is held in the outbox (docs/deploy-email.md).
import { Annotations, Aws, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { UserPoolEmail } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { CabinetFunction } from './cabinet-function.ts';
import { contextString } from './context.ts';

/** Default that lets `cdk synth` run offline; a deployment sets its own (docs/operations.md: deploy). */
export const DEFAULT_APP_URL = 'http://localhost:3000';

/**
 * Mailbox providers whose domain nobody deploying Cabinet can verify in SES: a From address there becomes an address
 * identity (SES mails it a link to click). Any other domain becomes a domain identity (DKIM records to publish), which
 * covers every address of the domain, no-reply@ included (an address nobody reads cannot click a link).
 */
const MAILBOX_PROVIDERS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'outlook.fr',
  'hotmail.com',
  'hotmail.fr',
  'live.com',
  'live.fr',
  'msn.com',
  'yahoo.com',
  'yahoo.fr',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.fr',
  'gmx.de',
  'web.de',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
]);

export type IdentityKind = 'domain' | 'address';

export interface MailSender {
  /** As the From header shows it: `Name <address>` or a bare address. */
  readonly emailFrom: string;
  readonly fromAddress: string;
  readonly fromName?: string;
}

export interface MailSettings {
  /** Who mail is from (`emailFrom`); none: no sender is configured. */
  readonly sender?: MailSender;
  /** The SES identity mail is sent from: an existing one (`sesIdentity`), or the one CabinetData creates. */
  readonly identity?: { readonly name: string; readonly kind: IdentityKind; readonly created: boolean };
  /**
   * Mail is sent: there is a sender and its identity is known to be verified (an existing identity is; one the stack
   * creates is once `sesIdentityVerified` says so). Otherwise Cognito sends its own messages and the API's are held.
   */
  readonly sending: boolean;
  /** The web app that e-mailed links open: `<appUrl>/<action>?token=<token>`. */
  readonly appUrl: string;
  /** An existing configuration set (`sesConfigurationSet`); without it CabinetData creates one. */
  readonly configurationSet?: string;
  /** SES's region when it is not the stack's (an existing identity only). */
  readonly sesRegion?: string;
  readonly defaultLocale: 'fr' | 'en';
}

const FROM = /^\s*(?:(.*?)\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))\s*$/;

function contextBoolean(scope: Construct, key: string): boolean {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '' || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new Error(`Context ${key} must be true or false, not "${String(value)}"`);
}

function senderOf(scope: Construct): MailSender | undefined {
  const emailFrom = contextString(scope, 'emailFrom');
  if (emailFrom === undefined) return undefined;
  const from = FROM.exec(emailFrom);
  const fromAddress = from?.[2] ?? from?.[3];
  if (!fromAddress) throw new Error(`Context emailFrom must be "Name <address>" or an address, not "${emailFrom}"`);
  const fromName = from?.[1]?.replace(/^"|"$/g, '') || undefined;
  return { emailFrom, fromAddress, ...(fromName ? { fromName } : {}) };
}

function identityOf(scope: Construct, sender: MailSender, sesRegion: string | undefined): NonNullable<MailSettings['identity']> {
  const domain = sender.fromAddress.split('@').pop()?.toLowerCase() ?? '';
  const named = contextString(scope, 'sesIdentity');
  const kindSetting = contextString(scope, 'sesIdentityKind');
  if (named) {
    if (named.toLowerCase() !== domain && named.toLowerCase() !== sender.fromAddress.toLowerCase()) {
      throw new Error(`Context sesIdentity (${named}) must be the domain of emailFrom (${domain}) or its address (${sender.fromAddress})`);
    }
    if (kindSetting) throw new Error('Context sesIdentityKind applies to the identity the stack creates, not to an existing sesIdentity');
    return { name: named, kind: named.includes('@') ? 'address' : 'domain', created: false };
  }
  if (sesRegion) {
    throw new Error(
      'Context sesRegion needs sesIdentity: the stack creates an SES identity in its own region only, so name the existing one',
    );
  }
  if (kindSetting !== undefined && kindSetting !== 'domain' && kindSetting !== 'address') {
    throw new Error(`Context sesIdentityKind must be domain or address, not "${kindSetting}"`);
  }
  const kind: IdentityKind = (kindSetting as IdentityKind | undefined) ?? (MAILBOX_PROVIDERS.has(domain) ? 'address' : 'domain');
  return { name: kind === 'domain' ? domain : sender.fromAddress, kind, created: true };
}

/**
 * Reads and checks the mail context keys: emailFrom, sesIdentity, sesIdentityKind, sesIdentityVerified,
 * sesConfigurationSet, sesRegion, appUrl, defaultLocale. A malformed value stops the synth with the key's name.
 */
export function mailSettings(scope: Construct): MailSettings {
  const sender = senderOf(scope);
  const sesRegion = contextString(scope, 'sesRegion');
  const configurationSet = contextString(scope, 'sesConfigurationSet');
  const verified = contextBoolean(scope, 'sesIdentityVerified');
  if (!sender) {
    for (const key of ['sesIdentity', 'sesIdentityKind', 'sesConfigurationSet', 'sesRegion']) {
      if (contextString(scope, key) !== undefined) throw new Error(`Context ${key} needs emailFrom: it configures the sender`);
    }
    if (verified) throw new Error('Context sesIdentityVerified needs emailFrom: it configures the sender');
  }
  const identity = sender ? identityOf(scope, sender, sesRegion) : undefined;

  const appUrl = (contextString(scope, 'appUrl') ?? DEFAULT_APP_URL).replace(/\/+$/, '');
  let protocol = '';
  try {
    protocol = new URL(appUrl).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`Context appUrl must be an http(s) URL, not "${appUrl}"`);
  const defaultLocale = contextString(scope, 'defaultLocale') ?? 'fr';
  if (defaultLocale !== 'fr' && defaultLocale !== 'en') throw new Error(`Context defaultLocale must be fr or en, not "${defaultLocale}"`);
  return {
    ...(sender ? { sender } : {}),
    ...(identity ? { identity } : {}),
    sending: identity !== undefined && (!identity.created || verified),
    appUrl,
    ...(configurationSet ? { configurationSet } : {}),
    ...(sesRegion ? { sesRegion } : {}),
    defaultLocale,
  };
}

/**
 * CabinetData's side of e-mail: the SES identity (unless an existing one is named) and the configuration set (unless
 * an existing one is named) that Cognito's mail and the API's share, and the user pool's e-mail settings.
 */
export class CabinetMailIdentity extends Construct {
  readonly settings: MailSettings;
  /** The configuration set both Cognito and the API's functions name (created here, or the existing one). */
  readonly configurationSetName?: string;
  readonly emailIdentity?: EmailIdentity;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.settings = mailSettings(this);
    const { sender, identity, sesRegion } = this.settings;
    if (!sender || !identity) {
      Annotations.of(this).addWarningV2(
        'cabinet:no-email-sender',
        'No e-mail sender (-c emailFrom=…): Cognito sends its own messages from its shared address (50 a day), and the ' +
          "API's mail (verification links, invitations, password resets…) is held in the outbox, neither sent nor lost, " +
          'until a deployment names a sender. The EmailsHeld alarm fires while mail waits (docs/deploy-email.md).',
      );
      return;
    }
    let configurationSet: ConfigurationSet | undefined;
    if (this.settings.configurationSet) {
      this.configurationSetName = this.settings.configurationSet;
    } else if (!sesRegion) {
      // Suppression here as well as (possibly) at account level: an address that bounced or complained is not mailed
      // again, which keeps the account's bounce and complaint rates (and its sending rights) safe.
      configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
        suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
        reputationMetrics: true,
        sendingEnabled: true,
      });
      this.configurationSetName = configurationSet.configurationSetName;
    }
    if (!identity.created) return;

    // The configuration set is also the identity's default, so every message from it goes through the suppression.
    const created = new EmailIdentity(this, 'Identity', {
      identity: identity.kind === 'domain' ? Identity.domain(identity.name) : Identity.email(identity.name),
      ...(configurationSet ? { configurationSet } : {}),
    });
    this.emailIdentity = created;
    const stack = Stack.of(this);
    new CfnOutput(stack, 'SesIdentity', {
      value: identity.name,
      description:
        identity.kind === 'domain'
          ? 'SES domain identity mail is sent from: publish the SesDkimRecord outputs in its DNS to verify it'
          : 'SES address identity mail is sent from: click the link SES mailed to it to verify it',
    });
    if (identity.kind === 'domain') {
      created.dkimRecords.forEach((record, index) => {
        new CfnOutput(stack, `SesDkimRecord${index + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
          description: `DKIM record ${index + 1} of 3 to publish in ${identity.name}'s DNS (name CNAME value)`,
        });
      });
    }
    if (!this.settings.sending) {
      Annotations.of(this).addWarningV2(
        'cabinet:email-identity-unverified',
        `This deployment creates the SES ${identity.kind} identity ${identity.name}, which is not verified yet: until it ` +
          "is, Cognito sends its own messages and the API's mail is held in the outbox. " +
          (identity.kind === 'domain'
            ? 'Publish the three SesDkimRecord outputs in its DNS'
            : `Click the link SES mails to ${identity.name}`) +
          ', then deploy again with -c sesIdentityVerified=true (docs/deploy-email.md).',
      );
    }
  }

  /** The user pool's e-mail: through SES from the same identity and configuration set, or Cognito's own. */
  userPoolEmail(): UserPoolEmail {
    const { sender, identity, sending, sesRegion } = this.settings;
    if (!sending || !sender || !identity) return UserPoolEmail.withCognito();
    return UserPoolEmail.withSES({
      fromEmail: sender.fromAddress,
      ...(sender.fromName ? { fromName: sender.fromName } : {}),
      ...(identity.kind === 'domain' ? { sesVerifiedDomain: identity.name } : {}),
      ...(this.configurationSetName ? { configurationSetName: this.configurationSetName } : {}),
      // The stack's own region when SES's is not given (a token when the stack is environment-agnostic).
      sesRegion: sesRegion ?? Aws.REGION,
    });
  }
}

/** What functions/core/mail-config.ts reads. No EMAIL_FROM while nothing may be sent: the functions hold mail. */
export const mailEnvironment = (settings: MailSettings, configurationSetName?: string): Record<string, string> => ({
  ...(settings.sending && settings.sender ? { EMAIL_FROM: settings.sender.emailFrom } : {}),
  APP_URL: settings.appUrl,
  DEFAULT_LOCALE: settings.defaultLocale,
  ...(settings.sending && configurationSetName ? { SES_CONFIGURATION_SET: configurationSetName } : {}),
});

export interface CabinetMailProps {
  readonly settings: MailSettings;
  /** CabinetData's configuration set (its name), when mail goes through one. */
  readonly configurationSetName?: string;
  readonly table: ITable;
}

/** The outbox sweeper and the SES grant the sending functions share. */
export class CabinetMail extends Construct {
  readonly settings: MailSettings;
  readonly environment: Record<string, string>;
  readonly sweeper: CabinetFunction;
  readonly schedule: Rule;
  private readonly sendStatement?: PolicyStatement;

  constructor(scope: Construct, id: string, props: CabinetMailProps) {
    super(scope, id);
    this.settings = props.settings;
    this.environment = mailEnvironment(props.settings, props.configurationSetName);

    // SendEmail is authorised on the identity mail is sent from and on the configuration set; nothing at all while
    // mail is held.
    const { identity, sending } = props.settings;
    if (sending && identity) {
      const stack = Stack.of(this);
      const region = props.settings.sesRegion ?? Aws.REGION;
      const arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'ses', region, resource, resourceName });
      this.sendStatement = new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          arn('identity', identity.name),
          ...(props.configurationSetName ? [arn('configuration-set', props.configurationSetName)] : []),
        ],
      });
    }

    this.sweeper = new CabinetFunction(this, 'Sweeper', {
      entry: 'functions/mail/sweeper.ts',
      description: 'Mail outbox sweeper: retries pending e-mail with backoff, marks it FAILED after the last attempt',
      environment: this.environment,
      // A run sends at most a few hundred messages; a minute leaves room for SES's own retries.
      timeoutSeconds: 60,
      // BatchWriteItem: the one-time roster of an organisation whose memberships predate it (mail/outbox.ts).
    }).useTable(props.table, 'readWrite', { batchWrite: true });
    this.grantSend(this.sweeper);

    this.schedule = new Rule(this, 'Schedule', {
      description: 'Runs the mail outbox sweeper every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.sweeper.function, { retryAttempts: 0 })],
    });
  }

  /** Lets `fn` send: ses:SendEmail on the sending identity only (nothing while mail is held). */
  grantSend(fn: CabinetFunction): void {
    if (this.sendStatement) fn.function.addToRolePolicy(this.sendStatement);
  }
}
