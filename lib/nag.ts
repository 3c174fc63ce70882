// cdk-nag acknowledgements for the Cabinet stacks, each on the narrowest construct and with why it is acceptable.
import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IConstruct } from 'constructs';
import { PASSWORD_MIN_LENGTH } from '#schemas/common';
import type { ApiStack } from './api-stack.ts';
import { LAMBDA_NODE_MAJOR, LAMBDA_RUNTIME } from './bundling.ts';
import { CabinetFunction } from './cabinet-function.ts';
import type { ConsoleFilesStack, ConsoleStack } from './console.ts';
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
  consoleGeo:
    'The console is a sign-in page and static files for the practices of whichever countries a deployment serves; ' +
    "restricting countries is the operator's decision (CloudFront geoRestriction), nothing in Cabinet implies one.",
  consoleWaf:
    'The console distribution serves only static files (HTML, one script, one stylesheet, config.json) with caching; ' +
    'every request that reaches data goes to the API, which has its own AWS WAF web ACL and per-route throttles.',
  consoleLogs:
    'The console distribution serves only static, public build files and no personal data; requests that matter are ' +
    "logged by the API's access logs. Operators who want edge logs turn on CloudFront standard logging to a bucket.",
  consoleTls:
    'The default *.cloudfront.net certificate fixes the minimum protocol CloudFront negotiates; a custom domain with an ' +
    "ACM certificate (TLSv1.2_2021) is the operator's choice. Viewers are redirected to HTTPS either way (no HTTP).",
  consoleBucketLogs:
    'The bucket holds only the console build, written by the deployment and read by CloudFront through origin access ' +
    'control; it is private, encrypted and TLS-only, and server access logs of build files would record nothing useful.',
  uploadRuntime:
    "CDK's BucketDeployment brings its own Lambda function (it copies the console build into the bucket at deploy " +
    'time); its runtime is chosen by aws-cdk-lib, not by Cabinet, and moves with aws-cdk-lib upgrades.',
  uploadManagedPolicy:
    "CDK's BucketDeployment function uses AWSLambdaBasicExecutionRole for its own log group; that role serves only " +
    'the deployment-time copy of the console build, never a request.',
  uploadWildcards:
    "CDK's BucketDeployment writes this policy: object wildcards on the CDK assets bucket and the console bucket (it " +
    'copies and prunes the build under console/), and CloudFront invalidations, which have no resource-level ARN.',
} as const;

export function applyNagSuppressions({
  data,
  api,
  console: webConsole,
}: {
  data: StatefulStack;
  api: ApiStack;
  console?: { site: ConsoleStack; files: ConsoleFilesStack };
}): void {
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
  if (webConsole) acknowledgeConsole(webConsole.site, webConsole.files);
}

/** The console's distribution and bucket (lib/console.ts), and the upload function CDK's BucketDeployment adds. */
function acknowledgeConsole(webConsole: ConsoleStack, files: ConsoleFilesStack): void {
  acknowledge(webConsole.distribution, 'AwsSolutions-CFR1', REASONS.consoleGeo);
  acknowledge(webConsole.distribution, 'AwsSolutions-CFR2', REASONS.consoleWaf);
  acknowledge(webConsole.distribution, 'AwsSolutions-CFR3', REASONS.consoleLogs);
  acknowledge(webConsole.distribution, 'AwsSolutions-CFR4', REASONS.consoleTls);
  acknowledge(webConsole.bucket, 'AwsSolutions-S1', REASONS.consoleBucketLogs);
  const upload = files.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!upload) throw new Error('The console has no BucketDeployment function to acknowledge');
  acknowledge(upload, 'AwsSolutions-L1', REASONS.uploadRuntime);
  const role = upload.node.findChild('ServiceRole');
  acknowledge(
    role,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    REASONS.uploadManagedPolicy,
  );
  const policy = role.node.findChild('DefaultPolicy');
  for (const finding of wildcardFindings(policy)) acknowledge(policy, `AwsSolutions-IAM5[${finding}]`, REASONS.uploadWildcards);
}

/**
 * The IAM5 findings of a policy CDK wrote, named as cdk-nag names them (`Action::s3:List*`, `Resource::<Bucket.Arn>/*`):
 * each wildcard action and resource of its statements, read from the synthesized document.
 */
function wildcardFindings(policy: IConstruct): string[] {
  const resource = policy.node.defaultChild as CfnResource;
  const document = Stack.of(policy).resolve((resource as unknown as { policyDocument: unknown }).policyDocument) as {
    Statement: { Action: string | string[]; Resource: unknown }[];
  };
  const text = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const intrinsic = value as Record<string, unknown>;
    if (Array.isArray(intrinsic['Fn::Join']))
      return (intrinsic['Fn::Join'][1] as unknown[]).map(text).join(intrinsic['Fn::Join'][0] as string);
    if (typeof intrinsic.Ref === 'string') return `<${intrinsic.Ref}>`;
    if (typeof intrinsic['Fn::Sub'] === 'string') return intrinsic['Fn::Sub'].replace(/\$\{([^}]+)\}/g, '<$1>');
    if (Array.isArray(intrinsic['Fn::GetAtt'])) return `<${(intrinsic['Fn::GetAtt'] as string[]).join('.')}>`;
    return JSON.stringify(value);
  };
  const findings = new Set<string>();
  for (const statement of document.Statement) {
    for (const action of [statement.Action].flat()) if (action.includes('*')) findings.add(`Action::${action}`);
    for (const target of [statement.Resource].flat().map(text)) if (target.includes('*')) findings.add(`Resource::${target}`);
  }
  return [...findings];
}

/** Acknowledges on the construct's CloudFormation resource, so nothing else beneath it inherits the acknowledgement. */
function acknowledge(construct: IConstruct, id: string, reason: string): void {
  const resource = construct.node.defaultChild;
  if (!resource) throw new Error(`${construct.node.path} has no CloudFormation resource to acknowledge ${id} on`);
  Validations.of(resource).acknowledge({ id, reason });
}
