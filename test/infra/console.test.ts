// The deployed web console (lib/console.ts): a private bucket behind CloudFront, HTTPS only, the console's CSP on
// every object, the hosted login's and the API's CORS pointing at it, cdk-nag clean; `-c console=false` leaves it out.
import { runInNewContext } from 'node:vm';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { type CfnResource, resourcesOf, synthesizeCabinet, TEST_CONTEXT } from './cabinet-app.ts';

const cabinet = synthesizeCabinet();
if (!cabinet.console) throw new Error('The console is on by default');
const { site, files } = cabinet.console;
const siteTemplate = Template.fromStack(site);
const filesTemplate = Template.fromStack(files);
const only = (template: Template, type: string): CfnResource => {
  const found = Object.values(resourcesOf(template, type));
  expect(found, type).toHaveLength(1);
  return found[0] as CfnResource;
};

/** Runs a CloudFront Function's code (cloudfront-js-2.0 is plain JavaScript with a handler(event)). */
function cloudFrontFunction(comment: RegExp): (event: unknown) => unknown {
  const fn = Object.values(resourcesOf(siteTemplate, 'AWS::CloudFront::Function')).find((candidate) =>
    comment.test(String(candidate.Properties?.FunctionCode)),
  );
  if (!fn) throw new Error(`No CloudFront function matching ${comment}`);
  const sandbox: { handler?: (event: unknown) => unknown } = {};
  runInNewContext(`${fn.Properties?.FunctionCode as string}\nthis.handler = handler;`, sandbox);
  if (!sandbox.handler) throw new Error('no handler');
  return sandbox.handler;
}

describe('the console bucket', () => {
  it('is private, encrypted and TLS-only, readable by this distribution alone (origin access control)', () => {
    const bucket = only(siteTemplate, 'AWS::S3::Bucket');
    expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties?.WebsiteConfiguration).toBeUndefined();
    expect(JSON.stringify(bucket.Properties?.BucketEncryption)).toContain('AES256');
    const statements = (only(siteTemplate, 'AWS::S3::BucketPolicy').Properties as { PolicyDocument: { Statement: unknown[] } })
      .PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Principal: { AWS: '*' } }),
    );
    const reads = statements.filter((statement) => (statement as { Effect: string }).Effect === 'Allow');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    });
    siteTemplate.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });
});

describe('the console distribution', () => {
  it('redirects HTTP to HTTPS, serves GET and HEAD only, with the security headers', () => {
    siteTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: ['GET', 'HEAD'],
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' }), Match.objectLike({ EventType: 'viewer-response' })],
        }),
      }),
    });
    siteTemplate.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000, Override: true }),
        }),
      }),
    });
  });

  it("answers index.html for the console's page paths, its files as they are, and sends / to /console/", () => {
    const route = cloudFrontFunction(/event\.request\.uri/);
    const uriOf = (uri: string) => (route({ request: { uri } }) as { uri?: string; statusCode?: number }).uri;
    expect(uriOf('/console/members')).toBe('/console/index.html');
    expect(uriOf('/console/reset-password')).toBe('/console/index.html');
    expect(uriOf('/console/console.js')).toBe('/console/console.js');
    expect(uriOf('/console/config.json')).toBe('/console/config.json');
    expect(route({ request: { uri: '/' } })).toMatchObject({ statusCode: 301, headers: { location: { value: '/console/' } } });
  });

  it('turns the CSP each object was uploaded with into the Content-Security-Policy header, and drops the metadata', () => {
    const respond = cloudFrontFunction(/x-amz-meta-csp/);
    const headers = respond({ response: { headers: { 'x-amz-meta-csp': { value: "default-src 'none'" } } } }) as {
      headers: Record<string, { value: string }>;
    };
    expect(headers.headers).toEqual({ 'content-security-policy': { value: "default-src 'none'" } });
  });
});

describe('the console files', () => {
  it("upload the build with config.json, each object carrying the console's CSP naming this API and hosted login", () => {
    const upload = only(filesTemplate, 'Custom::CDKBucketDeployment');
    expect(upload.Properties).toMatchObject({ DestinationBucketKeyPrefix: 'console/', Prune: true });
    const csp = JSON.stringify((upload.Properties as { UserMetadata: { csp: unknown } }).UserMetadata.csp);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toMatch(/connect-src ",\{"Fn::GetStackOutput":\{"StackName":"CabinetApi".*ApiEndpoint/);
    expect(csp).not.toContain('unsafe-inline');
    // config.json's values (API, hosted login, web client) are filled in at deploy time.
    expect(JSON.stringify(upload.Properties?.SourceMarkers)).toContain('WebClient');
  });
});

describe('cdk-nag AwsSolutions on the console stacks', () => {
  it.each([
    ['CabinetConsole', site],
    ['CabinetConsoleFiles', files],
  ] as const)('%s has no unacknowledged error or warning', (_name, stack) => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});

describe('-c console=false', () => {
  it('deploys no console: no console stacks, CORS and callback URLs from context only', () => {
    const without = synthesizeCabinet({ context: { ...TEST_CONTEXT, console: 'false' } });
    expect(without.console).toBeUndefined();
    expect(without.app.node.tryFindChild('CabinetConsole')).toBeUndefined();
    without.apiTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: [TEST_CONTEXT.corsOrigins] }),
    });
    expect(JSON.stringify(without.apiTemplate.toJSON())).not.toContain('/console/callback');
  });
});
