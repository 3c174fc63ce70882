// Amazon SES (v2 API): sends one message. Deployed it talks to SES; locally to aws-ses-v2-local (SES_ENDPOINT),
// with the same client and the same call. The client is created once per container, on first use.
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { config } from '#core/config';
import { mailConfig } from '#core/mail-config';

let client: SESv2Client | undefined;

/** The container's SES client (the local runtime adds its test-only fault injection to it). */
export function sesClient(): SESv2Client {
  client ??= new SESv2Client({
    region: config.AWS_REGION,
    ...(mailConfig.SES_ENDPOINT ? { endpoint: mailConfig.SES_ENDPOINT } : {}),
  });
  return client;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one message to one recipient; resolves SES's message id. */
export async function sendEmail(message: OutgoingMessage): Promise<string | undefined> {
  const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
  const response = await sesClient().send(
    new SendEmailCommand({
      FromEmailAddress: mailConfig.EMAIL_FROM,
      Destination: { ToAddresses: [message.to] },
      Content: { Simple: { Subject: utf8(message.subject), Body: { Text: utf8(message.text), Html: utf8(message.html) } } },
      ...(mailConfig.SES_CONFIGURATION_SET ? { ConfigurationSetName: mailConfig.SES_CONFIGURATION_SET } : {}),
    }),
  );
  return response.MessageId;
}
