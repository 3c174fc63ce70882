// cdk-nag acknowledgements for the Cabinet stacks, each on the narrowest construct and with why it is acceptable.
import { Validations } from 'aws-cdk-lib';
import { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IConstruct } from 'constructs';
import { PASSWORD_MIN_LENGTH } from '#schemas/common';
import type { ApiStack } from './api-stack.ts';
import { LAMBDA_NODE_MAJOR, LAMBDA_RUNTIME } from './bundling.ts';
import { CabinetFunction } from './cabinet-function.ts';
import type { StatefulStack } from './stateful-stack.ts';

// cdk-nag 3 uses CDK's native Validations.acknowledge (NagSuppressions is gone). An id without a plugin prefix
// is recorded as an annotation acknowledgement, which cdk-nag reads as its own rule id, as its README shows.

export const REASONS = {
  runtime:
    `${LAMBDA_RUNTIME.name} is pinned on purpose: the esbuild target (node${LAMBDA_NODE_MAJOR}) and the bench follow ` +
    'LAMBDA_RUNTIME in lib/bundling.ts, and the test suite runs on Node 22 and on Node 24. Moving to nodejs24.x is ' +
    'that one constant, changed after the suite passes on Node 24 (docs/operations.md: deploy).',
  noAuthorizer:
    'No API Gateway authorizer by design: each "member" route\'s function verifies the Cognito ID token itself ' +
    '(aws-jwt-verify: signature, issuer, audience, token_use=id, expiry) and then requires a live ACTIVE ' +
    'membership in DynamoDB, so every 401 is RFC 9457 problem+json and a removed member loses access at once. ' +
    'Routes marked "public" in functions/routes.ts (health, docs, login, registration...) need no identity.',
  defaultRoute:
    'The $default route only answers 404/405 problem+json for paths and methods no route declares; it reads no ' +
    'data, so there is nothing to authorize (token checks happen in the functions, see APIG4 on the routes).',
  optionalMfa:
    'MFA is optional at the pool level on purpose: each organisation decides. A person turns TOTP on through the API ' +
    '(POST /api/auth/mfa/totp, then …/verify), after which every sign-in answers the SOFTWARE_TOKEN_MFA challenge ' +
    '(POST /api/auth/login/mfa); an organisation can require it (PATCH /api/organisations/{id} mfaRequired), and its ' +
    'members without MFA then get 403 mfa-required on its routes. Requiring MFA pool-wide would lock out every ' +
    'account without an authenticator (accounts without an organisation, organisations that do not require it).',
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
