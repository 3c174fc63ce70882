// E-mail in AWS: the settings read from CDK context, the variables every function gets, ses:SendEmail for the
// functions that send (scoped to the sending identity), and the outbox sweeper on an EventBridge schedule.
import { Aws, Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CabinetFunction } from './cabinet-function.ts';
import { contextString } from './context.ts';

/** Defaults that let `cdk synth` run offline; a deployment sets its own (docs/operations.md: deploy). */
export const DEFAULT_EMAIL_FROM = 'Cabinet <no-reply@example.org>';
export const DEFAULT_APP_URL = 'http://localhost:3000';

export interface MailSettings {
  /** As the From header shows it: `Name <address>` or a bare address. */
  readonly emailFrom: string;
  readonly fromAddress: string;
  readonly fromName?: string;
  /** The web app that e-mailed links open: `<appUrl>/<action>?token=<token>`. */
  readonly appUrl: string;
  /** The verified SES identity mail is sent from: a domain (example.org) or the From address itself. */
  readonly sesIdentity?: string;
  readonly configurationSet?: string;
  /** SES's region when it is not the stack's. */
  readonly sesRegion?: string;
  readonly defaultLocale: 'fr' | 'en';
}

const FROM = /^\s*(?:(.*?)\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))\s*$/;

/**
 * Reads and checks the mail context keys: emailFrom, appUrl, sesIdentity, sesConfigurationSet, sesRegion,
 * defaultLocale. A malformed value stops the synth with the key's name.
 */
export function mailSettings(scope: Construct): MailSettings {
  const emailFrom = contextString(scope, 'emailFrom') ?? DEFAULT_EMAIL_FROM;
  const from = FROM.exec(emailFrom);
  const fromAddress = from?.[2] ?? from?.[3];
  if (!fromAddress) throw new Error(`Context emailFrom must be "Name <address>" or an address, not "${emailFrom}"`);
  const fromName = from?.[1]?.replace(/^"|"$/g, '') || undefined;

  const appUrl = (contextString(scope, 'appUrl') ?? DEFAULT_APP_URL).replace(/\/+$/, '');
  let protocol = '';
  try {
    protocol = new URL(appUrl).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`Context appUrl must be an http(s) URL, not "${appUrl}"`);

  const sesIdentity = contextString(scope, 'sesIdentity');
  const domain = fromAddress.split('@').pop() ?? '';
  if (sesIdentity && sesIdentity !== domain && sesIdentity.toLowerCase() !== fromAddress.toLowerCase()) {
    throw new Error(`Context sesIdentity (${sesIdentity}) must be the domain of emailFrom (${domain}) or its address (${fromAddress})`);
  }
  const defaultLocale = contextString(scope, 'defaultLocale') ?? 'fr';
  if (defaultLocale !== 'fr' && defaultLocale !== 'en') throw new Error(`Context defaultLocale must be fr or en, not "${defaultLocale}"`);
  const configurationSet = contextString(scope, 'sesConfigurationSet');
  const sesRegion = contextString(scope, 'sesRegion');
  return {
    emailFrom,
    fromAddress,
    ...(fromName ? { fromName } : {}),
    appUrl,
    ...(sesIdentity ? { sesIdentity } : {}),
    ...(configurationSet ? { configurationSet } : {}),
    ...(sesRegion ? { sesRegion } : {}),
    defaultLocale,
  };
}

/** What functions/core/mail-config.ts reads. */
export const mailEnvironment = (settings: MailSettings): Record<string, string> => ({
  EMAIL_FROM: settings.emailFrom,
  APP_URL: settings.appUrl,
  DEFAULT_LOCALE: settings.defaultLocale,
  ...(settings.configurationSet ? { SES_CONFIGURATION_SET: settings.configurationSet } : {}),
});

export interface CabinetMailProps {
  readonly settings: MailSettings;
  readonly table: ITable;
}

/** The outbox sweeper and the SES grant the sending functions share. */
export class CabinetMail extends Construct {
  readonly settings: MailSettings;
  readonly environment: Record<string, string>;
  readonly sweeper: CabinetFunction;
  readonly schedule: Rule;
  private readonly sendStatement: PolicyStatement;

  constructor(scope: Construct, id: string, props: CabinetMailProps) {
    super(scope, id);
    this.settings = props.settings;
    this.environment = mailEnvironment(props.settings);

    // SendEmail is authorised on the identity mail is sent from (and on the configuration set, when one is used).
    // Without sesIdentity, the From address and its domain: whichever of the two is the verified identity.
    const stack = Stack.of(this);
    const region = props.settings.sesRegion ?? Aws.REGION;
    const identity = (name: string) => stack.formatArn({ service: 'ses', region, resource: 'identity', resourceName: name });
    const identities = props.settings.sesIdentity
      ? [props.settings.sesIdentity]
      : [props.settings.fromAddress, props.settings.fromAddress.split('@').pop() ?? ''];
    this.sendStatement = new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [
        ...identities.map(identity),
        ...(props.settings.configurationSet
          ? [stack.formatArn({ service: 'ses', region, resource: 'configuration-set', resourceName: props.settings.configurationSet })]
          : []),
      ],
    });

    this.sweeper = new CabinetFunction(this, 'Sweeper', {
      entry: 'functions/jobs/mail-sweeper.ts',
      description: 'Mail outbox sweeper: retries pending e-mail with backoff, marks it FAILED after the last attempt',
      environment: this.environment,
      // A run sends at most a few hundred messages; a minute leaves room for SES's own retries.
      timeoutSeconds: 60,
    }).useTable(props.table, 'readWrite');
    this.grantSend(this.sweeper);

    this.schedule = new Rule(this, 'Schedule', {
      description: 'Runs the mail outbox sweeper every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.sweeper.function, { retryAttempts: 0 })],
    });
  }

  /** Lets `fn` send: ses:SendEmail on the sending identity only. */
  grantSend(fn: CabinetFunction): void {
    fn.function.addToRolePolicy(this.sendStatement);
  }
}
