// AWS WAF on the user pool. HTTP APIs cannot be associated with a web ACL (AWS WAF protects REST API stages, not HTTP
// APIs), so the API's public routes are rate limited per client address and per account by the API itself (the abuse
// limits) and per route by the stage throttles (lib/throttling.ts); docs/throttling.md says why and what putting
// CloudFront in front would take. What reaches Cognito without passing through the API is the hosted login and
// Cognito's public API operations: this web ACL limits the first per client address and blocks the public operations
// Cognito offers that Cabinet never uses (ForgotPassword would mail a code from Cognito around the API's limits).
import { Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Requests a client address may make to the hosted login in HOSTED_LOGIN_WINDOW_SECONDS before WAF answers 429. */
export const HOSTED_LOGIN_REQUESTS_PER_ADDRESS = 300;
export const HOSTED_LOGIN_WINDOW_SECONDS = 300;

/**
 * Cognito's public (unauthenticated or access-token) operations that nothing in Cabinet calls: the API signs up,
 * resets passwords, proves addresses and deletes accounts with its own flows and Cognito's admin operations (which a
 * web ACL does not inspect). Anyone holding the web client's public id could otherwise call them directly.
 */
export const UNUSED_PUBLIC_OPERATIONS = [
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'ForgotPassword',
  'ConfirmForgotPassword',
  'ChangePassword',
  'DeleteUser',
  'UpdateUserAttributes',
  'VerifyUserAttribute',
  'GetUserAttributeVerificationCode',
] as const;

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
/** The header that names the operation of a Cognito API call; the hosted login's requests carry none. */
// singleHeader is free-form JSON in CloudFormation's schema, hence the capital N.
const AMZ_TARGET = { singleHeader: { Name: 'x-amz-target' } };

export class UserPoolFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { userPool: IUserPool }) {
    super(scope, id);
    const prefix = Stack.of(this).stackName;
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'Cabinet user pool: hosted login rate limited per client address, public operations Cabinet never uses blocked',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${prefix}-user-pool`),
      rules: [
        {
          name: 'UnusedPublicOperations',
          priority: 0,
          action: { block: {} },
          visibilityConfig: visibility(`${prefix}-unused-public-operations`),
          statement: {
            regexMatchStatement: {
              fieldToMatch: AMZ_TARGET,
              regexString: `^AWSCognitoIdentityProviderService\\.(${UNUSED_PUBLIC_OPERATIONS.join('|')})$`,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
        },
        {
          // The API's own Cognito calls come from Lambda's shared addresses and carry x-amz-target: left out, or one
          // busy address would stop everyone's sign-in. The hosted login's pages and /oauth2/token carry none.
          name: 'HostedLoginPerAddress',
          priority: 1,
          action: { block: { customResponse: { responseCode: 429 } } },
          visibilityConfig: visibility(`${prefix}-hosted-login-per-address`),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: HOSTED_LOGIN_REQUESTS_PER_ADDRESS,
              evaluationWindowSec: HOSTED_LOGIN_WINDOW_SECONDS,
              scopeDownStatement: {
                notStatement: {
                  statement: {
                    sizeConstraintStatement: {
                      fieldToMatch: AMZ_TARGET,
                      comparisonOperator: 'GT',
                      size: 0,
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  },
                },
              },
            },
          },
        },
      ],
    });
    new CfnWebACLAssociation(this, 'Association', { resourceArn: props.userPool.userPoolArn, webAclArn: this.webAcl.attrArn });
  }
}
