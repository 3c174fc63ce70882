// cdk-nag (AwsSolutions) over the real app: no open finding, and every acknowledgement is narrow and explained.
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { type CfnResource, resourcesOf, synthesizeCabinet } from './cabinet-app.ts';

// Synthesis runs cdk-nag and CloudFormation's own template validation as `cdk synth` does (cdk.json turns
// validation findings into errors): it throws on any unacknowledged error, so getting here is the first assertion.
const { data, api, dataTemplate, apiTemplate } = synthesizeCabinet({ cloudFormationValidation: true });

type Acknowledgement = { id: string; reason: string };
const acknowledgementsOf = (resource: CfnResource): Acknowledgement[] =>
  (resource.Metadata?.cdk_nag as { rules_to_suppress?: Acknowledgement[] } | undefined)?.rules_to_suppress ?? [];
const allResources = (): [string, CfnResource][] =>
  [dataTemplate, apiTemplate].flatMap((template) => Object.entries(template.toJSON().Resources as Record<string, CfnResource>));
const acknowledged = allResources().flatMap(([logicalId, resource]) =>
  acknowledgementsOf(resource).map((ack) => ({ logicalId, type: resource.Type, ...ack })),
);

describe('cdk-nag AwsSolutions', () => {
  // Run after synthesis, when cross-stack references are resolved exactly as the synth-time plugin sees them.
  it.each([
    ['CabinetData', data],
    ['CabinetApi', api],
  ] as const)('%s has no unacknowledged error or warning', (_name, stack) => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(
      report.violations.map((violation) => `${violation.ruleName} ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`),
    ).toEqual([]);
  });

  it('acknowledges only the expected rules, each on the resource type it is about', () => {
    const expected: Record<string, string[]> = {
      'AwsSolutions-L1': ['AWS::Lambda::Function'],
      'AwsSolutions-APIG4': ['AWS::ApiGatewayV2::Route'],
      'AwsSolutions-COG2': ['AWS::Cognito::UserPool'],
      'AwsSolutions-COG8': ['AWS::Cognito::UserPool'],
    };
    for (const ack of acknowledged) {
      const rule = ack.id.replace(/\[.*\]$/, '');
      expect(expected[rule], `unexpected acknowledgement ${ack.id} on ${ack.logicalId}`).toContain(ack.type);
    }
  });

  it('gives every acknowledgement a specific reason', () => {
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const ack of acknowledged) {
      expect(ack.reason.length, `${ack.id} on ${ack.logicalId}`).toBeGreaterThanOrEqual(80);
      expect(ack.reason).not.toMatch(/\b(TODO|TBD|FIXME|suppress(ed)?|n\/a)\b/i);
    }
  });

  it('acknowledges no IAM5 finding: no policy has a wildcard action or resource (indexes are granted by name)', () => {
    expect(acknowledged.filter((ack) => ack.id.startsWith('AwsSolutions-IAM5'))).toEqual([]);
  });

  it('acknowledges L1 on every function, and only there', () => {
    for (const [logicalId, fn] of allResources().filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')) {
      expect(
        acknowledgementsOf(fn).map((ack) => ack.id),
        logicalId,
      ).toEqual(['AwsSolutions-L1']);
    }
  });

  it('acknowledges nothing on the table, the clients, the domain, the stage, the log groups, the roles or their policies', () => {
    for (const type of [
      'AWS::DynamoDB::Table',
      'AWS::Cognito::UserPoolClient',
      'AWS::Cognito::UserPoolDomain',
      'AWS::ApiGatewayV2::Stage',
      'AWS::Logs::LogGroup',
      'AWS::IAM::Role',
      'AWS::IAM::Policy',
    ]) {
      for (const template of [dataTemplate, apiTemplate]) {
        for (const resource of Object.values(resourcesOf(template, type))) expect(acknowledgementsOf(resource)).toEqual([]);
      }
    }
  });
});
