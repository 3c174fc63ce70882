// cdk-nag acknowledgements for the Cabinet stacks, each on the narrowest construct and with why it is acceptable.
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { PASSWORD_MIN_LENGTH } from '#schemas/common';
import type { ApiStack } from './api-stack.ts';
import { CabinetFunction } from './cabinet-function.ts';
import type { StatefulStack } from './stateful-stack.ts';

// cdk-nag 3 uses CDK's native Validations.acknowledge (NagSuppressions is gone). An id without a plugin prefix
// is recorded as an annotation acknowledgement, which cdk-nag reads as its own rule id, as its README shows.

export const REASONS = {
  runtime:
    'nodejs22.x is pinned on purpose: the esbuild target (node22 in lib/bundling.ts) and every local run and test ' +
    'use Node 22, an LTS line supported until April 2027. Moving to nodejs24.x is a deliberate change to ' +
    'lib/cabinet-function.ts and lib/bundling.ts together, made after the test suite passes on Node 24.',
  gsiWildcard:
    'grantReadData/grantReadWriteData add "<table ARN>/index/*" so that Query can use the table\'s global ' +
    'secondary indexes (today only gsi1). The wildcard is confined to the indexes of this one table; the actions ' +
    'are exactly the read (or read/write) set the route declares in functions/routes.ts.',
  noAuthorizer:
    'No API Gateway authorizer by design: each "member" route\'s function verifies the Cognito ID token itself ' +
    '(aws-jwt-verify: signature, issuer, audience, token_use=id, expiry) and then requires a live ACTIVE ' +
    'membership in DynamoDB, so every 401 is RFC 9457 problem+json and a removed member loses access at once. ' +
    'Routes marked "public" in functions/routes.ts (health, docs, login, registration...) need no identity.',
  defaultRoute:
    'The $default route only answers 404/405 problem+json for paths and methods no route declares; it reads no ' +
    'data, so there is nothing to authorize (token checks happen in the functions, see APIG4 on the routes).',
  optionalMfa:
    'MFA is offered (TOTP, optional) but not required: the API signs users in with USER_PASSWORD_AUTH and does ' +
    'not yet answer the SOFTWARE_TOKEN_MFA challenge, so requiring MFA would lock every user out of the API. ' +
    'Make it required once the login route handles MFA challenges.',
  essentialsPlan:
    'Essentials feature plan: Plus (threat protection, compromised-credential checks) costs extra per monthly ' +
    `active user. Mitigations in place: no self sign-up, a ${PASSWORD_MIN_LENGTH}+ character four-class password policy, ` +
    'preventUserExistenceErrors and one message for every sign-in failure, and API stage throttling. ' +
    'Revisit before onboarding production tenants.',
} as const;

export function applyNagSuppressions({ data, api }: { data: StatefulStack; api: ApiStack }): void {
  acknowledge(data.userPool, 'AwsSolutions-COG2', REASONS.optionalMfa);
  acknowledge(data.userPool, 'AwsSolutions-COG8', REASONS.essentialsPlan);

  for (const stack of [data, api]) {
    for (const fn of stack.node.findAll().filter((c): c is CabinetFunction => c instanceof CabinetFunction)) {
      acknowledge(fn.function, 'AwsSolutions-L1', REASONS.runtime);
      if (fn.tableGrant) {
        const policy = fn.role.node.tryFindChild('DefaultPolicy');
        if (!policy) throw new Error(`${fn.node.path} was granted the table but has no default policy`);
        acknowledge(policy, `AwsSolutions-IAM5[${indexWildcardFinding(Stack.of(fn), fn.tableGrant.table)}]`, REASONS.gsiWildcard);
      }
    }
  }

  for (const route of api.node.findAll().filter((c): c is HttpRoute => c instanceof HttpRoute)) {
    const isDefault = route.node.scope === api.httpApi && route.node.id === 'DefaultRoute';
    acknowledge(route, 'AwsSolutions-APIG4', isDefault ? REASONS.defaultRoute : REASONS.noAuthorizer);
  }
}

/** Acknowledges on the construct's CloudFormation resource, so nothing else beneath it inherits the acknowledgement. */
function acknowledge(construct: IConstruct, id: string, reason: string): void {
  const resource = construct.node.defaultChild;
  if (!resource) throw new Error(`${construct.node.path} has no CloudFormation resource to acknowledge ${id} on`);
  Validations.of(resource).acknowledge({ id, reason });
}

/**
 * The IAM5 finding cdk-nag reports for the `<table ARN>/index/*` resource, as seen from the policy's stack:
 * `<Logical.Arn>` in the table's own stack, the export name in a consumer stack (strong cross-stack references,
 * as cdk.json configures). Computing it from CDK keeps the acknowledgement exact rather than rule-wide.
 */
function indexWildcardFinding(consumer: Stack, table: ITable): string {
  const producer = Stack.of(table);
  if (producer === consumer) {
    const logicalId = producer.getLogicalId(table.node.defaultChild as CfnElement);
    return `Resource::<${logicalId}.Arn>/index/*`;
  }
  // exportValue creates (or reuses) the very export the cross-stack reference will use, and returns its import.
  const imported: unknown = producer.resolve(producer.exportValue(table.tableArn));
  const exportName = (imported as { 'Fn::ImportValue'?: unknown })['Fn::ImportValue'];
  if (typeof exportName !== 'string') throw new Error(`Unexpected cross-stack reference for ${table.node.path}`);
  return `Resource::${exportName}/index/*`;
}
