// The two pieces of the SES v2 SDK Cabinet uses, in a module of their own so that ses.ts can import them on first
// use: a dynamic import keeps every export of its target, and this target exports only what a send needs.
export { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
