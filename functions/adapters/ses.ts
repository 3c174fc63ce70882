// Amazon SES (v2 API): sends one message. Deployed it talks to SES; locally to aws-ses-v2-local (SES_ENDPOINT),
// with the same client and the same call. The SDK module is imported on first use and the client created once per
// container: the SES client (~80 KiB bundled) is then evaluated only by a function that actually sends, never at
// cold start (npm run bench: it kept register, create-invitation and the platform's creation over the cold-load
// budget when imported at module load).
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from '#core/config';
import { mailConfig } from '#core/mail-config';

let client: Promise<{ client: SESv2Client; SendEmailCommand: typeof import('./ses-client.ts').SendEmailCommand }> | undefined;

function ses() {
  client ??= import('./ses-client.ts').then(({ SESv2Client, SendEmailCommand }) => ({
    client: new SESv2Client({
      region: config.AWS_REGION,
      ...(mailConfig.SES_ENDPOINT ? { endpoint: mailConfig.SES_ENDPOINT } : {}),
    }),
    SendEmailCommand,
  }));
  return client;
}

/** The container's SES client (the local runtime adds its test-only fault injection to it). */
export const sesClient = async (): Promise<SESv2Client> => (await ses()).client;

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one message to one recipient; resolves SES's message id. */
export async function sendEmail(message: OutgoingMessage): Promise<string | undefined> {
  // Never reached with no sender: mail-delivery holds the job instead of calling this.
  if (!mailConfig.EMAIL_FROM) throw new Error('No sender is configured (EMAIL_FROM): mail is held in the outbox');
  const { client: ses2, SendEmailCommand } = await ses();
  const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
  const response = await ses2.send(
    new SendEmailCommand({
      FromEmailAddress: mailConfig.EMAIL_FROM,
      Destination: { ToAddresses: [message.to] },
      Content: { Simple: { Subject: utf8(message.subject), Body: { Text: utf8(message.text), Html: utf8(message.html) } } },
      ...(mailConfig.SES_CONFIGURATION_SET ? { ConfigurationSetName: mailConfig.SES_CONFIGURATION_SET } : {}),
    }),
  );
  return response.MessageId;
}
