// Synthesizes the real Cabinet app (lib/app.ts with cdk.json's context) for the infra tests, and reads its templates.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type CabinetApp } from '../../lib/app.ts';

/** Values no default produces, so a test that finds them proves the context was read. */
export const TEST_CONTEXT = {
  callbackUrls: 'https://app.cabinet.test/auth/callback, http://localhost:5173/callback',
  logoutUrls: 'https://app.cabinet.test/',
  cognitoDomainPrefix: 'cabinet-infra-test',
  corsOrigins: 'https://app.cabinet.test',
} as const;

export interface SynthesizedCabinet extends CabinetApp {
  app: App;
  dataTemplate: Template;
  apiTemplate: Template;
}

/** The context `cdk synth` would see: cdk.json's, so feature flags match the CLI's. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export interface SynthOptions {
  context?: Record<string, unknown>;
  /**
   * CDK's built-in CloudFormation template validation (as `cdk synth` runs it). It is the slowest part of synth,
   * so only the test file that asserts a clean validation keeps it; the template is the same either way.
   */
  cloudFormationValidation?: boolean;
}

/**
 * Builds exactly what bin/cabinet.ts builds (stacks, cdk-nag plugin, acknowledgements) and synthesizes it, which
 * runs cdk-nag (synth throws on any unacknowledged error). Bundling is skipped (`aws:cdk:bundling-stacks: []`):
 * the templates are the same, only the asset contents are placeholders.
 */
export function synthesizeCabinet({ context = TEST_CONTEXT, cloudFormationValidation = false }: SynthOptions = {}): SynthesizedCabinet {
  // The CLI sets these from credentials; the tests assert the environment-agnostic template (region = AWS::Region).
  delete process.env.CDK_DEFAULT_ACCOUNT;
  delete process.env.CDK_DEFAULT_REGION;
  const app = new App({
    context: { ...cdkJsonContext(), ...context, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: cloudFormationValidation,
  });
  const built = buildApp(app);
  app.synth();
  return { app, ...built, dataTemplate: Template.fromStack(built.data), apiTemplate: Template.fromStack(built.api) };
}

export type CfnResource = {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
export type PolicyStatement = { Effect: string; Action: string | string[]; Resource: unknown };

export const resourcesOf = (template: Template, type: string): Record<string, CfnResource> =>
  template.findResources(type) as Record<string, CfnResource>;

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The Lambda function whose Description is `description` (the API stack writes the route key there). */
export function functionByDescription(template: Template, description: string): [string, CfnResource] {
  const matches = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(
    ([, fn]) => fn.Properties?.Description === description,
  );
  if (matches.length !== 1) throw new Error(`Expected one function described "${description}", found ${matches.length}`);
  return matches[0] as [string, CfnResource];
}

/** The logical id of a function's execution role. */
export function roleOf(fn: CfnResource): string {
  const role = fn.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined;
  const roleId = role?.['Fn::GetAtt']?.[0];
  if (!roleId) throw new Error('Function role is not a GetAtt of a role in the same stack');
  return roleId;
}

/** Every statement of every IAM policy attached to the role, so nothing granted elsewhere escapes the test. */
export function statementsOfRole(template: Template, roleId: string): PolicyStatement[] {
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) =>
      asArray(policy.Properties?.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })),
    )
    .flatMap((policy) => (policy.Properties as { PolicyDocument: { Statement: PolicyStatement[] } }).PolicyDocument.Statement);
}

export const actionsOf = (statements: PolicyStatement[]): string[] => statements.flatMap((statement) => asArray(statement.Action));

/**
 * How CabinetApi reads `value` from the data stack: a weak reference (Fn::GetStackOutput of a plain output), never
 * an export. Throws if the data stack publishes no such output.
 */
export function dataStackOutput(dataTemplate: Template, value: unknown): unknown {
  const outputs = Object.entries(dataTemplate.toJSON().Outputs as Record<string, { Value: unknown }>);
  const output = outputs.find(([, candidate]) => JSON.stringify(candidate.Value) === JSON.stringify(value));
  if (!output) throw new Error(`The data stack publishes no ${JSON.stringify(value)}`);
  return { 'Fn::GetStackOutput': { StackName: 'CabinetData', Region: { Ref: 'AWS::Region' }, OutputName: output[0] } };
}

export function logicalIdOf(template: Template, type: string): string {
  const ids = Object.keys(resourcesOf(template, type));
  if (ids.length !== 1 || !ids[0]) throw new Error(`Expected exactly one ${type}, found ${ids.length}`);
  return ids[0];
}
